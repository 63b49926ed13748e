#!/usr/bin/env bash
# Installs the system packages Frontier's cgo (OpenGL) build needs, when
# they are missing. Debian/Ubuntu: apt-get, with sudo when not root.
# Elsewhere: prints what to install and fails.
set -euo pipefail
pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
pkgs+=("$@")
if ! command -v go >/dev/null 2>&1; then
	echo "install-deps: Go is not installed; get Go 1.26 or newer from go.dev/dl" >&2
	exit 1
fi
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	echo "install-deps: not a Debian/Ubuntu system; install a C compiler, pkg-config and the"
	echo "OpenGL and X11 development headers (GL, X11, Xcursor, Xrandr, Xinerama, Xi, Xxf86vm)."
	[ $# -eq 0 ] || echo "Also needed here (Debian names): $*"
	exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
	sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
