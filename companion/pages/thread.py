def parse(snap, url, warnings):
    return None
