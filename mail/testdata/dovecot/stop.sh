#!/bin/bash
# stop.sh WORKDIR — stops the Dovecot that start.sh started in WORKDIR and
# waits (at most 10 s) until its master process has exited.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: $0 WORKDIR" >&2
	exit 2
fi
pid=$(cat "$1/run/master.pid" 2>/dev/null || true)
dovecot -c "$1/dovecot.conf" stop
[ -n "$pid" ] || exit 0
for _ in $(seq 1 100); do
	kill -0 "$pid" 2>/dev/null || exit 0
	sleep 0.1
done
echo "dovecot (pid $pid) did not stop within 10 s" >&2
exit 1
