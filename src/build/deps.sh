#!/bin/sh
# Checks the build's libraries with pkg-config. Missing ones are installed with apt-get
# when running as root; otherwise the exact apt-get line is printed and the build stops.
set -u
pkg_of() {
	case "$1" in
	yaml-0.1) echo libyaml-dev ;;
	libcjson) echo libcjson-dev ;;
	openssl) echo libssl-dev ;;
	libcurl) echo libcurl4-openssl-dev ;;
	ncursesw) echo libncurses-dev ;;
	expat) echo libexpat1-dev ;;
	cmocka) echo libcmocka-dev ;;
	*) echo "$1" ;;
	esac
}
missing=""
if ! command -v pkg-config >/dev/null 2>&1; then
	missing="pkg-config"
	for m in "$@"; do missing="$missing $(pkg_of "$m")"; done
else
	for m in "$@"; do
		pkg-config --exists "$m" 2>/dev/null || missing="$missing $(pkg_of "$m")"
	done
fi
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "wa-review: installing build dependencies:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $missing >/dev/null; } || {
		echo "wa-review: apt-get could not install:$missing" >&2
		exit 1
	}
	exit 0
fi
echo "wa-review: missing build dependencies. Install them with:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
