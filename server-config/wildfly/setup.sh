#!/usr/bin/env bash
# Prepares a WildFly installation for TelemetryFlow: unpacks the full distribution from Maven
# Central, installs the PostgreSQL driver module and EclipseLink as JPA provider, and applies the
# *.cli files of this folder offline. Re-running is cheap: a marker records the hash of everything
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

fingerprint=$( (echo "$WILDFLY_VERSION $ECLIPSELINK_VERSION $POSTGRESQL_VERSION"; cat "$HERE/setup.sh" "$HERE"/*.cli) | sha256sum | cut -d' ' -f1)
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
modules="$TARGET/modules/system/layers/base"

# PostgreSQL JDBC driver as a module, referenced by the datasource in 10-datasource.cli
mkdir -p "$modules/org/postgresql/main"
cp "$artifacts/postgresql-$POSTGRESQL_VERSION.jar" "$modules/org/postgresql/main/"
cat > "$modules/org/postgresql/main/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.postgresql" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="postgresql-$POSTGRESQL_VERSION.jar"/>
    </resources>
    <dependencies>
        <module name="java.logging"/>
        <module name="java.management"/>
        <module name="java.naming"/>
        <module name="java.security.jgss"/>
        <module name="java.sql"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML

# WildFly's org.eclipse.persistence module holds only the integration jar; EclipseLink itself is
# added beside it. Its bundled jakarta/** API classes must not shadow the server's.
eclipselink_module="$modules/org/eclipse/persistence/main"
cp "$artifacts/eclipselink-$ECLIPSELINK_VERSION.jar" "$eclipselink_module/"
integration_jar=$(cd "$eclipselink_module" && ls jipijapa-eclipselink-*.jar)
cat > "$eclipselink_module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.eclipse.persistence" xmlns="urn:jboss:module:1.9">
    <properties>
        <property name="jboss.api" value="public"/>
    </properties>
    <resources>
        <resource-root path="$integration_jar"/>
        <resource-root path="eclipselink-$ECLIPSELINK_VERSION.jar">
            <filter>
                <exclude path="jakarta/**"/>
            </filter>
        </resource-root>
    </resources>
    <dependencies>
        <module name="java.desktop"/>
        <module name="java.logging"/>
        <module name="java.management"/>
        <module name="java.naming"/>
        <module name="java.rmi"/>
        <module name="java.sql"/>
        <module name="java.xml"/>
        <module name="jdk.unsupported"/>
        <module name="jakarta.annotation.api"/>
        <module name="jakarta.enterprise.api"/>
        <module name="jakarta.json.api" optional="true"/>
        <module name="jakarta.persistence.api"/>
        <module name="jakarta.transaction.api"/>
        <module name="jakarta.validation.api"/>
        <module name="jakarta.xml.bind.api"/>
        <module name="org.antlr"/>
        <module name="org.jboss.as.jpa.spi"/>
        <module name="org.jboss.logging"/>
        <module name="org.jboss.vfs"/>
    </dependencies>
</module>
XML

cli="$artifacts/telemetryflow.cli"
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    for file in "$HERE"/*.cli; do
        grep -v '^[[:space:]]*#' "$file" | grep -v '^[[:space:]]*$'
    done
    echo "stop-embedded-server"
} > "$cli"
if ! "$TARGET/bin/jboss-cli.sh" --file="$cli" > "$artifacts/cli.log" 2>&1; then
    cat "$artifacts/cli.log" >&2
    echo "Applying server-config/wildfly/*.cli failed" >&2
    exit 1
fi
echo "$fingerprint" > "$TARGET/.telemetryflow-setup"
echo "WildFly prepared"
