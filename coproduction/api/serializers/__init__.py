"""Upstream's output shapes (spec §4.2) and input bodies, one module per resource, named as its
view module (``coproduction/api/views/<resource>.py``) and its service and selector modules.

Import a serializer from its module (``from coproduction.api.serializers.teams import
TeamOutSerializer``); this package re-exports nothing. Output serializers read related rows
through ``all()`` only and never query: the views pass what else they show in the serializer
context (``user``, ``process_permissions``, ``disabled_ancestors``, the catalogue rows of assets),
loaded by ``coproduction.selectors``, so every endpoint runs a fixed number of queries.
"""
