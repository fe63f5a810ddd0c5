# Private services for one run of scripts/test or scripts/bench, sourced by
# them. Each lives in the run's own folder on a free loopback port and is
# stopped by services_stop (the callers trap it on exit, Ctrl-C included):
#
#   services_postgres DIR [setting=value …]  a PostgreSQL cluster of its own
#       (initdb + pg_ctl); exports PG_URL, PG_RESTART (a command restarting it)
#   services_dovecot DIR                    Dovecot from mail/testdata/dovecot;
#       exports DOVECOT_ADDR
#   services_browser                        Debian's Chromium (for the rating
#       page's browser test) and npm (it fetches axe-core); exports
#       AFFALDSBOT_BROWSER=1 so that test fails rather than skips
#   services_stop                           stops what was started
#
# Nothing outside DIR is changed: no system cluster is started, restarted or
# reconfigured. Missing programs are installed with apt (as root) first.

services_started=()

services_apt() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "$* is needed and not installed: apt-get install $*" >&2
		return 1
	fi
	echo "installing $* with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq "$@" >&2
}

services_browser() {
	command -v chromium >/dev/null || services_apt chromium || return 1
	command -v npm >/dev/null || services_apt npm || return 1
	export AFFALDSBOT_BROWSER=1
}

# services_free_port prints a port on 127.0.0.1 that nothing listens on now.
# The caller still retries when a start finds it taken (another run won).
services_free_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	echo "no free port found" >&2
	return 1
}

# services_pg_bindir prints the folder of initdb and pg_ctl.
services_pg_bindir() {
	local d
	for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" \
		$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			readlink -f "$d/initdb" | xargs dirname
			return 0
		fi
	done
	return 1
}

# services_as_owner runs a command as the owner of the cluster: initdb and
# postgres refuse to run as root, so root hands them to the postgres user.
services_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$services_pg_user" -- "$@"
	else
		"$@"
	fi
}

services_postgres() {
	local dir=$1
	shift
	local bin
	if ! bin=$(services_pg_bindir); then
		services_apt postgresql
		bin=$(services_pg_bindir)
	fi
	services_pg_user=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		services_pg_user=$(id postgres >/dev/null 2>&1 && echo postgres || echo nobody)
	fi
	mkdir -p "$dir"
	chown "$services_pg_user" "$dir"
	services_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; return 1; }
	local opts="-c listen_addresses=127.0.0.1 -k $dir -c max_connections=300"
	local s
	for s in "$@"; do
		opts="$opts -c $s"
	done
	local port
	for _ in 1 2 3 4 5; do
		port=$(services_free_port)
		if services_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "-p $port $opts" start >/dev/null; then
			services_started+=("postgres:$bin:$dir")
			PG_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			PG_RESTART="$dir/restart"
			printf '#!/bin/sh\n# Restarts the private PostgreSQL of this run (a fast shutdown, then a start).\nexec %s %s/pg_ctl -D %s/data -l %s/postgres.log -m fast -w -t 60 restart >/dev/null\n' \
				"$( [ "$(id -u)" -eq 0 ] && echo "runuser -u $services_pg_user --")" "$bin" "$dir" "$dir" >"$PG_RESTART"
			chmod 755 "$PG_RESTART"
			export PG_URL PG_RESTART
			return 0
		fi
	done
	echo "PostgreSQL did not start; see $dir/postgres.log" >&2
	tail -20 "$dir/postgres.log" >&2 || true
	return 1
}

services_dovecot() {
	local dir=$1
	command -v dovecot >/dev/null || services_apt dovecot-imapd
	local port line
	for _ in 1 2 3 4 5; do
		port=$(services_free_port)
		rm -rf "$dir"
		if line=$(mail/testdata/dovecot/start.sh "$dir" "$port" 2>"$dir.err"); then
			services_started+=("dovecot:$dir")
			DOVECOT_ADDR=${line#AFFALDSBOT_DOVECOT_ADDR=}
			export DOVECOT_ADDR
			return 0
		fi
	done
	echo "Dovecot did not start:" >&2
	cat "$dir.err" "$dir/dovecot.log" >&2 2>/dev/null || true
	return 1
}

services_stop() {
	local s kind rest
	for s in "${services_started[@]}"; do
		kind=${s%%:*}
		rest=${s#*:}
		case $kind in
		postgres)
			services_as_owner "${rest%%:*}/pg_ctl" -D "${rest#*:}/data" -m immediate -w stop >/dev/null 2>&1 || true
			;;
		dovecot)
			mail/testdata/dovecot/stop.sh "$rest" >/dev/null 2>&1 || true
			;;
		esac
	done
	services_started=()
}
