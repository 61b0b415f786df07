def parse(snap):
    return None
