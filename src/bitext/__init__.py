"""bitext: check whether a text in one language faithfully renders a text in another."""

__version__ = "0.1.0"
