#!/usr/bin/env bash
# Checks what building and running Tilework needs — a JDK >= 25, GDAL >= 3.4, Maven, Chromium and its
# driver for the browser tests, PostgreSQL's server for the shared process store's tests — and installs GDAL,
# Maven, Chromium, chromium-driver and postgresql with apt-get when they are missing and we are root on Debian or Ubuntu.
# Docker and debootstrap, for the compose deployment's test, only on CI or when TILEWORK_INSTALL_DOCKER=yes.
# Debian's python3-numpy and python3-gdal for the Python client's tests (python3-torch on CI).
set -euo pipefail
cd "$(dirname "$0")/.."

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_updated=no
apt_install() {
    if [ "$apt_updated" = no ]; then
        echo "Installing $* with apt-get..."
        apt-get update -qq
        apt_updated=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Java: a JDK we cannot install ourselves (no registry carries one here); say what to do.
java_home=$(scripts/java-home.sh)

# GDAL: the shared library (the binding loads it) and its tools (tests use them as oracles).
gdal_library_present() {
    [ -n "${TILEWORK_GDAL_LIBRARY:-}" ] && [ -e "$TILEWORK_GDAL_LIBRARY" ] && return 0
    ldconfig -p 2>/dev/null | grep -q 'libgdal\.so\.[0-9]'
}
if ! gdal_library_present || ! command -v gdalinfo >/dev/null 2>&1; then
    if can_apt; then
        apt_install gdal-bin
    else
        echo "tilework: GDAL 3.4 or newer is missing (the library libgdal.so.* and its tools)." >&2
        echo "  Debian/Ubuntu: sudo apt-get install gdal-bin;  Fedora: sudo dnf install gdal;  macOS: brew install gdal" >&2
        echo "  Or point TILEWORK_GDAL_LIBRARY at the library." >&2
        exit 1
    fi
fi
gdal_version=$(gdalinfo --version | sed -E 's/^GDAL ([0-9]+\.[0-9]+).*/\1/')
if [ "$(printf '%s\n3.4\n' "$gdal_version" | sort -V | head -n1)" != "3.4" ]; then
    echo "tilework: GDAL $gdal_version is too old; Tilework needs 3.4 or newer." >&2
    exit 1
fi

# Maven.
if ! command -v mvn >/dev/null 2>&1; then
    if can_apt; then
        apt_install maven
    else
        echo "tilework: Maven is missing. Debian/Ubuntu: sudo apt-get install maven; or see maven.apache.org." >&2
        exit 1
    fi
fi

# Chromium and its driver: the web console's browser tests (Selenium drives Debian's chromedriver, nothing
# is downloaded) and the sales report's test open pages in it (headless). Optional outside CI.
if { ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; } || ! command -v chromedriver >/dev/null 2>&1; then
    if can_apt; then
        apt_install chromium chromium-driver
    else
        echo "tilework: Chromium or chromedriver is missing; the browser tests will be skipped (CI requires them)." >&2
    fi
fi

# PostgreSQL's server binaries (initdb, pg_ctl, postgres): the tests of the shared process store start a
# cluster of their own in a temporary folder, on 127.0.0.1 and a free port (never the machine's own). Debian
# keeps them in /usr/lib/postgresql/VERSION/bin, off the PATH: the tests look there first (testkit's PostgresServer).
# Installing the package may start a default cluster on 5432; the tests never use it. Under CI=true the tests
# fail rather than skip without the binaries.
postgres_present() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null 2>&1 || { command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; }
}
if ! postgres_present; then
    if can_apt; then
        apt_install postgresql
    else
        echo "tilework: PostgreSQL's server (initdb, pg_ctl) is missing; the PostgreSQL store's tests will be skipped (CI requires them)." >&2
        echo "  Debian/Ubuntu: sudo apt-get install postgresql;  Fedora: sudo dnf install postgresql-server;  macOS: brew install postgresql" >&2
    fi
fi

# Python with NumPy and GDAL's bindings (Debian's, run by /usr/bin/python3): the Python client's tests run
# against a real server, with GDAL's ReadAsArray as their oracle. PyTorch (python3-torch, about 200 packages)
# for its DataLoader adapter only on CI or when asked (TILEWORK_INSTALL_TORCH=yes); without it that test is skipped.
python_has() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
if ! python_has numpy || ! python_has osgeo.gdal; then
    if can_apt; then
        apt_install python3-numpy python3-gdal
    else
        echo "tilework: Debian's python3-numpy or python3-gdal is missing; the Python client's tests will be skipped (CI requires them)." >&2
        echo "  Debian/Ubuntu: sudo apt-get install python3-numpy python3-gdal" >&2
    fi
fi
if ! python_has torch && can_apt && { [ "${CI:-}" = true ] || [ "${TILEWORK_INSTALL_TORCH:-}" = yes ]; }; then
    apt_install python3-torch
fi

# Docker, for the test of the compose deployment (deploy/compose-test.sh starts a daemon of its own).
# Installed only on CI (CI=true) or when asked (TILEWORK_INSTALL_DOCKER=yes): nobody gets a Docker
# installed by `make test` otherwise; without it that one test is skipped (CI requires it).
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
    if can_apt && { [ "${CI:-}" = true ] || [ "${TILEWORK_INSTALL_DOCKER:-}" = yes ]; }; then
        apt_install docker.io docker-compose debootstrap
    else
        echo "tilework: Docker (dockerd, docker-compose) or debootstrap is missing; the test of the compose deployment will be skipped" >&2
        echo "  (CI requires it; as root: TILEWORK_INSTALL_DOCKER=yes make prerequisites, or apt-get install -y docker.io docker-compose debootstrap)." >&2
    fi
fi

postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
postgres_version=$({ [ -n "$postgres_bin" ] && "$postgres_bin/postgres" --version || postgres --version; } 2>/dev/null | sed -E 's/.* ([0-9]+(\.[0-9]+)?).*/\1/' || true)
echo "Prerequisites: PostgreSQL ${postgres_version:-missing}"
echo "Prerequisites: JDK $("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p') ($java_home), GDAL $(gdalinfo --version | cut -d, -f1 | cut -d' ' -f2), $(JAVA_HOME="$java_home" mvn -v 2>/dev/null | head -n1 | sed 's/\x1b\[[0-9;]*m//g')"
