#!/bin/bash
# start.sh WORKDIR PORT — renders dovecot.conf into WORKDIR and starts
# Dovecot there as a daemon on 127.0.0.1:PORT (users: citizen/shared,
# affald/shared). Prints the address for AFFALDSBOT_DOVECOT_ADDR.
# Dovecot refuses to run mail processes as root: started by root, they run as
# the "dovecot" system user (else "nobody"), which must be able to reach
# WORKDIR (a directory under /tmp is fine).
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 WORKDIR PORT" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
workdir=$(mkdir -p "$1" && cd "$1" && pwd)
port=$2
command -v dovecot >/dev/null || { echo "dovecot is not installed (apt-get install dovecot-imapd)" >&2; exit 1; }

pick_user() { if id "$1" >/dev/null 2>&1; then echo "$1"; else id -un; fi; }
login_user=$(pick_user dovenull)
internal_user=$(pick_user dovecot)
mail_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	mail_user=$(id dovecot >/dev/null 2>&1 && echo dovecot || echo nobody)
fi

mkdir -p "$workdir/run" "$workdir/state" "$workdir/mail" "$workdir/home"
chmod 755 "$workdir"
chown "$mail_user:$(id -gn "$mail_user")" "$workdir/mail" "$workdir/home"
cp "$here/passwd" "$workdir/passwd"
sed -e "s|@WORKDIR@|$workdir|g" -e "s|@PORT@|$port|g" \
	-e "s|@UID@|$(id -u "$mail_user")|g" -e "s|@GID@|$(id -g "$mail_user")|g" \
	-e "s|@LOGIN_USER@|$login_user|g" -e "s|@INTERNAL_USER@|$internal_user|g" \
	"$here/dovecot.conf" >"$workdir/dovecot.conf"

dovecot -c "$workdir/dovecot.conf"

# Wait (at most 10 s) until the listener answers.
i=0
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -ge 100 ]; then
		echo "dovecot did not start; see $workdir/dovecot.log" >&2
		exit 1
	fi
	sleep 0.1
done
echo "AFFALDSBOT_DOVECOT_ADDR=127.0.0.1:$port"
