#!/bin/bash
# stop.sh WORKDIR — stops the Dovecot that start.sh started in WORKDIR.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: $0 WORKDIR" >&2
	exit 2
fi
dovecot -c "$1/dovecot.conf" stop
