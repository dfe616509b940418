"""Scale-out: many crawler workers on one shared Redis frontier, PostgreSQL as the store.

* :mod:`.frontier`: the shared queue (scrapy-redis storage, reliable pops), seen-set,
  in-flight tracking and worker heartbeats in Redis;
* :mod:`.scheduler`, :mod:`.queue`, :mod:`.dupefilter`, :mod:`.serializer`: scrapy-redis
  wired to that frontier; :mod:`.settings` is the switch that turns them on;
* :mod:`.spider`: the generic spider, fed by the queue, acknowledging finished pages;
* :mod:`.idle`: heartbeat, recovery of dead workers' requests, clean exit when quiet;
* :mod:`.shared_state`: the PostgreSQL state store for every stage of a worker's crawl;
* :mod:`.pg` and ``migrations/``: the PostgreSQL schema, created and migrated here;
* :mod:`.seed`, :mod:`.worker`, :mod:`.settle`: start a run, run a worker, settle groups.

``docs/scale-out.md`` tells how to run N workers.
"""
