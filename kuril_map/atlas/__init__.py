"""The atlas in one file: every day's map, history, island cards, clauses and cited excerpts,
in three languages, as one HTML page that opens from disk with no network (`build`)."""
