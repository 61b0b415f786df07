"""First start of the tray: offer to let the browsers pair the extension by themselves
(`tactful browser install`); clicking the notice does it."""

from __future__ import annotations

from companion import browsers

OFFER = ("Pair your browser with no code?", "Click here to let Chrome, Chromium, Brave, Edge and Firefox introduce "
         "the Tactful extension to this companion (`tactful browser install`).")


def offer_browser_link(app) -> None:
    """Shows the offer when no browser is registered and none is paired yet (a first start)."""
    data_dir = app.controller.data_dir
    if browsers.installed(data_dir) or app.controller.browsers():
        return

    def accepted() -> None:
        if app.notifications and app.notifications[-1] == OFFER:  # a click on this notice, not another
            found = browsers.here()
            if not found:
                app.notify("No browser found", "Start your browser once, then run `tactful browser install`.")
                return
            browsers.install(data_dir, found)
            app.notify("Browsers connected", f"{', '.join(found)} can now pair the extension with no code.")

    app.tray.messageClicked.connect(lambda: app._guard(accepted))
    app.notify(*OFFER)
