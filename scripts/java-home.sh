#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
# Exits 1 with what to install when there is none.
set -euo pipefail

required=25

major_of() { # the feature version of the java at $1/bin/java, or 0
    local version=""
    # The JDK's release file says it without starting a JVM: bin/tilework calls this on every run,
    # and starting java once per installed JDK cost more than a short command itself.
    if [ -f "$1/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" | head -n 1)
    fi
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') || true
    fi
    echo "${version:-0}" | cut -d. -f1
}

is_jdk() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(major_of "$1")" -ge "$required" ]; }

if [ -n "${JAVA_HOME:-}" ] && is_jdk "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    exit 0
fi

best=""
best_major=0
for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -L "$candidate" ] && continue
    if is_jdk "$candidate"; then
        major=$(major_of "$candidate")
        if [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    fi
done

if [ -n "$best" ]; then
    echo "$best"
    exit 0
fi

{
    echo "tilework: needs a JDK $required or newer, and found none."
    [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is not a JDK >= $required."
    echo "  Looked in \$JAVA_HOME and /usr/lib/jvm."
    echo "  Install one (e.g. Eclipse Temurin 25 from adoptium.net, or your distribution's openjdk-25-jdk)"
    echo "  and set JAVA_HOME to it."
} >&2
exit 1
