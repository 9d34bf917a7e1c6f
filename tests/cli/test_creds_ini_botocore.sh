#!/bin/sh
# The shared-file parser reads ~/.aws/config and ~/.aws/credentials as the aws CLI does:
# compared with botocore's own reader on hand-picked and random files (ini_botocore.py).
# Needs $WA_TOOLS/ini_dump and Debian's python3-botocore; fails, never skips, without them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tool="${WA_TOOLS:-}/ini_dump"
if [ -z "${WA_TOOLS:-}" ] || [ ! -x "$tool" ]; then
	echo "FAIL: ini_dump not found (WA_TOOLS=${WA_TOOLS:-unset})"
	exit 1
fi
[ -x /usr/bin/python3 ] || { echo "FAIL: /usr/bin/python3 is missing"; exit 1; }
exec /usr/bin/python3 -I "$here/ini_botocore.py" --tool "$tool" \
	--count "${INI_COUNT:-400}" --seed "${INI_SEED:-20240601}"
