"""The package's public names: exactly what __all__ says, and the one-call extract works."""

import crossings


def test_public_api_all_matches_the_public_names():
    public = {name for name in vars(crossings) if not name.startswith("_") and name not in {"annotations"}}
    modules = {name for name in public if type(getattr(crossings, name)).__name__ == "module"}
    assert set(crossings.__all__) == (public - modules) | {"__version__"}


def test_public_api_extract_one_text():
    result = crossings.extract("About 3,000 Sudanese refugees crossed into Chad on Monday, UNHCR said.", "2023-05-10")
    (fig,) = result.figures
    assert (fig.origin, fig.destination, fig.low, fig.period_end) == ("SD", "TD", 3000, "2023-05-08")
