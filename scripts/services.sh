#!/usr/bin/env bash
# Start the local PostgreSQL and Redis that the scale-out tests use, when they are down.
# Commands are this machine kind's own (see the README's "Services" section).
set -uo pipefail
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
fi
if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1); then
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
fi
for _ in $(seq 1 30); do
  pg_ok=0; redis_ok=0
  pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && pg_ok=1
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && redis_ok=1
  [ "$pg_ok" = 1 ] && [ "$redis_ok" = 1 ] && exit 0
  sleep 1
done
echo "services.sh: PostgreSQL up=$pg_ok, Redis up=$redis_ok" >&2
exit 0
