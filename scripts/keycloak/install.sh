#!/usr/bin/env bash
# Installs Keycloak's server distribution (org.keycloak:keycloak-quarkus-dist from Maven Central) into
# .cache/keycloak/, once: a run that finds it already unpacked does nothing. Used by the browser test
# that signs in through a third-party identity provider (test/e2e/keycloakSignIn.test.ts, started by
# test/support/keycloak.ts). Keycloak 26 needs Java 21 or later: the test finds one in /usr/lib/jvm.
set -euo pipefail
cd "$(dirname "$0")/../.."

version="${KEYCLOAK_VERSION:-26.5.6}"
dest=".cache/keycloak"
home="$dest/keycloak-$version"
url="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.tar.gz"

java_note() {
  # Keycloak 26 runs on Java 21 or later; the tests pick JAVA_HOME or the newest JDK in /usr/lib/jvm.
  if ! grep -hEq '^JAVA_VERSION="(2[1-9]|[3-9][0-9])' "${JAVA_HOME:-/nonexistent}/release" /usr/lib/jvm/*/release 2>/dev/null; then
    echo "keycloak $version: note: no Java 21 or later found (JAVA_HOME or /usr/lib/jvm); Keycloak needs one" >&2
  fi
}

if [ -x "$home/bin/kc.sh" ] && [ -f "$home/.installed" ]; then
  echo "keycloak $version: already in $home"
  java_note
  exit 0
fi

mkdir -p "$dest"
archive="$dest/keycloak-quarkus-dist-$version.tar.gz"
if [ ! -s "$archive" ] || ! gzip -t "$archive" 2>/dev/null; then
  echo "keycloak $version: downloading $url"
  curl -fSL --retry 3 --retry-delay 5 --connect-timeout 30 --progress-bar -o "$archive.part" "$url"
  # The checksum Maven Central publishes beside the archive.
  expected=$(curl -fsSL --retry 3 "$url.sha1" | awk '{ print $1 }')
  actual=$(sha1sum "$archive.part" | awk '{ print $1 }')
  if [ "$expected" != "$actual" ]; then
    echo "keycloak $version: checksum mismatch (expected $expected, got $actual)" >&2
    rm -f "$archive.part"
    exit 1
  fi
  mv "$archive.part" "$archive"
fi

echo "keycloak $version: unpacking into $dest"
rm -rf "$home"
tar -xzf "$archive" -C "$dest"
touch "$home/.installed"
rm -f "$archive"
echo "keycloak $version: installed in $home"
java_note
