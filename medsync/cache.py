"""MedSync's cached list responses (``common.read_cache``): dropped by any MedSync write.

The doctor list is upstream's unpaged answer (every doctor with the average and number of
its ratings): at 2,000 doctors and 300,000 ratings the ratings aggregate alone takes
25-40 ms of PostgreSQL and the 515 KB body 7 ms of CPU a request (docs/benchmarks-analysis.md),
while the list changes only when a MedSync row is written. Every write through Django to
the ``medsync`` database (the booking API, the admin, ``seed_medsync_demo``, raw SQL on a
Django connection) ends the generation when it commits; writes made outside Django are
seen after ``READ_CACHE_SECONDS`` or ``manage.py clear_read_cache``.
"""

from common.read_cache import ReadCache

medsync_reads = ReadCache("medsync", database="medsync", code=("medsync", "common"))
