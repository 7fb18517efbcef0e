"""The service designer's pages: start a service (``start``), edit it element by element
with problems and preview (``editor``), versions, diff and publishing (``versions``)."""
