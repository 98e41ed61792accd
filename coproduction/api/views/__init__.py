"""Views of the coproduction API, one module per resource group."""
