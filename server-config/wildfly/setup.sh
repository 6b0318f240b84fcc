#!/usr/bin/env bash
# Prepares a WildFly installation for TelemetryFlow: unpacks the full distribution from Maven
# Central and configures it with configure.sh (driver and JPA modules, the *.cli files). Re-running is cheap: a marker records the hash of everything
# that shaped the installation and nothing is redone while it matches.
#
#   setup.sh <target-dir>        e.g. ~/.telemetryflow/wildfly
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARGET=${1:?usage: setup.sh <target-dir>}

pom_property() {
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1
}
WILDFLY_VERSION=$(pom_property wildfly.version)
ECLIPSELINK_VERSION=$(pom_property eclipselink.version)
POSTGRESQL_VERSION=$(pom_property postgresql.version)

fingerprint=$( (echo "$WILDFLY_VERSION $ECLIPSELINK_VERSION $POSTGRESQL_VERSION"; cat "$HERE"/*.sh "$HERE"/*.cli) | sha256sum | cut -d' ' -f1)
if [[ -f "$TARGET/.telemetryflow-setup" && "$(cat "$TARGET/.telemetryflow-setup")" == "$fingerprint" ]]; then
    exit 0
fi

echo "Preparing WildFly $WILDFLY_VERSION in $TARGET"
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
mvn -B -q dependency:copy -DoutputDirectory="$artifacts" -Dmdep.stripVersion=false \
    -Dartifact="org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" >/dev/null
mvn -B -q dependency:copy -DoutputDirectory="$artifacts" \
    -Dartifact="org.postgresql:postgresql:$POSTGRESQL_VERSION" >/dev/null
mvn -B -q dependency:copy -DoutputDirectory="$artifacts" \
    -Dartifact="org.eclipse.persistence:eclipselink:$ECLIPSELINK_VERSION" >/dev/null

rm -rf "$TARGET"
mkdir -p "$(dirname "$TARGET")"
unpacked=$(mktemp -d "$(dirname "$TARGET")/.wildfly-XXXXXX")
unzip -q "$artifacts/wildfly-dist-$WILDFLY_VERSION.zip" -d "$unpacked"
mv "$unpacked/wildfly-$WILDFLY_VERSION" "$TARGET"
rmdir "$unpacked"
"$HERE/configure.sh" "$TARGET" "$artifacts" pattern >/dev/null
echo "$fingerprint" > "$TARGET/.telemetryflow-setup"
echo "WildFly prepared"
