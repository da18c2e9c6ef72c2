"""kuril-map: the Kuril Islands / Northern Territories dispute, era by era, with cited sources."""

__version__ = "0.1.0"
