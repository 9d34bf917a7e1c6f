#!/bin/sh
# Everything the build, the checks and the tests need from Debian, in one list (the table
# below), checked before a make goal runs. Missing packages are installed with apt-get when
# running as root; otherwise the exact `apt-get install` line is printed and make stops.
#
# Usage: deps.sh GROUP...    groups: build lint test fuzz valgrind
#        deps.sh --list GROUP...   prints the Debian packages of the groups, one line
#
# moto, boto3 and the aws CLI v1 are not Debian packages: the AWS tests take them from the
# machine's Python (tests/aws/moto_env.sh says how to install them when they are missing).
set -u

# group  kind  what-to-check                                  Debian package
# kind: pc = pkg-config module, cmd = command on PATH, py = module of /usr/bin/python3,
#       file = a file that must exist.
table() {
	cat <<'EOF'
build    cmd   cc                                             gcc
build    cmd   make                                           make
build    cmd   pkg-config                                     pkg-config
build    pc    yaml-0.1                                       libyaml-dev
build    pc    libcjson                                       libcjson-dev
build    pc    openssl                                        libssl-dev
build    pc    libcurl                                        libcurl4-openssl-dev
build    pc    ncursesw                                       libncurses-dev
build    pc    expat                                          libexpat1-dev
lint     cmd   clang-format                                   clang-format
test     pc    cmocka                                         libcmocka-dev
test     cmd   git                                            git
test     cmd   flock                                          util-linux
test     cmd   /usr/bin/python3                               python3
test     py    yaml                                           python3-yaml
test     py    botocore                                       python3-botocore
test     py    jmespath                                       python3-jmespath
test     py    jsonschema                                     python3-jsonschema
test     py    pexpect                                        python3-pexpect
test     py    pyte                                           python3-pyte
test     cmd   cmark                                          cmark
test     cmd   cmark-gfm                                      cmark-gfm
test     cmd   chromium                                       chromium
test     cmd   pdftotext                                      poppler-utils
test     file  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
fuzz     cmd   clang                                          clang
fuzz     file  /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a libclang-rt-14-dev
valgrind cmd   valgrind                                       valgrind
EOF
}

has() { # KIND WHAT
	case $1 in
	pc) command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$2" 2>/dev/null ;;
	cmd) command -v "$2" >/dev/null 2>&1 ;;
	py) [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $2" >/dev/null 2>&1 ;;
	file)
		# Architecture- and version-specific paths: any match of the pattern will do.
		for f in $2; do [ -e "$f" ] && return 0; done
		return 1
		;;
	*) return 1 ;;
	esac
}

list=0
[ "${1:-}" = --list ] && { list=1; shift; }
[ $# -gt 0 ] || set -- build
missing=""
for g in "$@"; do
	table | while read -r group kind what pkg; do
		[ "$group" = "$g" ] || continue
		if [ $list = 1 ] || ! has "$kind" "$what"; then echo "$pkg"; fi
	done
done >"${TMPDIR:-/tmp}/wa-deps.$$"
missing=$(sort -u "${TMPDIR:-/tmp}/wa-deps.$$" | tr '\n' ' ' | sed 's/ $//')
rm -f "${TMPDIR:-/tmp}/wa-deps.$$"
if [ $list = 1 ]; then
	echo "$missing"
	exit 0
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "wa-review: installing the packages $* need: $missing"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 &&
			apt-get install -y -q --no-install-recommends $missing >/dev/null; } || {
		echo "wa-review: apt-get could not install: $missing" >&2
		exit 1
	}
	exit 0
fi
echo "wa-review: $* need packages that are not installed. Install them with:" >&2
echo "    sudo apt-get install --no-install-recommends $missing" >&2
exit 1
