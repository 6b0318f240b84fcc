#!/usr/bin/env bash
# Configures a stock WildFly for TelemetryFlow: installs the PostgreSQL driver module and
# EclipseLink as JPA provider, then applies the *.cli files beside this script offline. Used by
# setup.sh (on an unpacked distribution) and by docker/Dockerfile (on the official image).
# Uses only bash and coreutils (the image is UBI 9 minimal).
#
#   configure.sh <jboss-home> <artifacts-dir> [pattern|json]
#
# <artifacts-dir> holds postgresql-<version>.jar and eclipselink-<version>.jar (mvn dependency:copy).
set -euo pipefail
shopt -s nullglob

USAGE="usage: configure.sh <jboss-home> <artifacts-dir> [pattern|json]"
JBOSS_HOME=${1:?$USAGE}
ARTIFACTS=${2:?$USAGE}
LOG_FORMAT=${3:-pattern}
CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "configure.sh: $*" >&2; exit 1; }

# The single file in $1 matching the glob $2, as a bare file name
only_file() {
    # shellcheck disable=SC2206 # $2 is a glob pattern, expanded on purpose
    local matches=("$1"/$2)
    ((${#matches[@]} == 1)) || die "expected one $2 in $1, found ${#matches[@]}"
    echo "${matches[0]##*/}"
}

[[ "$LOG_FORMAT" == pattern || "$LOG_FORMAT" == json ]] || die "log format must be pattern or json, got '$LOG_FORMAT'"
postgresql_jar=$(only_file "$ARTIFACTS" 'postgresql-[0-9]*.jar')
eclipselink_jar=$(only_file "$ARTIFACTS" 'eclipselink-[0-9]*.jar')
modules="$JBOSS_HOME/modules/system/layers/base"

# PostgreSQL JDBC driver as a module, referenced by the datasource in 10-datasource.cli
mkdir -p "$modules/org/postgresql/main"
cp "$ARTIFACTS/$postgresql_jar" "$modules/org/postgresql/main/"
cat > "$modules/org/postgresql/main/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.postgresql" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="$postgresql_jar"/>
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
cp "$ARTIFACTS/$eclipselink_jar" "$eclipselink_module/"
integration_jar=$(only_file "$eclipselink_module" 'jipijapa-eclipselink-*.jar')
cat > "$eclipselink_module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.eclipse.persistence" xmlns="urn:jboss:module:1.9">
    <properties>
        <property name="jboss.api" value="public"/>
    </properties>
    <resources>
        <resource-root path="$integration_jar"/>
        <resource-root path="$eclipselink_jar">
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

# All *.cli files without comment and blank lines, in one embedded-server session, then the log
# formatter (for the image; `./telemetryflow up` switches it per start with TELEMETRYFLOW_LOG_FORMAT).
# The broker's cluster password, unless the operator sets one, is a random one of this installation's own: it stands
# for no secret anybody holds (a clustered node must be given one; 20-messaging.cli).
cluster_password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli_files=("$CLI_DIR"/*.cli)
((${#cli_files[@]} > 0)) || die "no *.cli files in $CLI_DIR"
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    for file in "${cli_files[@]}"; do
        while IFS= read -r line || [[ -n "$line" ]]; do
            [[ "$line" =~ ^[[:space:]]*(#|$) ]] || printf '%s\n' "${line//@GENERATED_CLUSTER_PASSWORD@/$cluster_password}"
        done < "$file"
    done
    if [[ "$LOG_FORMAT" == json ]]; then
        echo "/subsystem=logging/console-handler=CONSOLE:write-attribute(name=named-formatter, value=JSON)"
        echo "/subsystem=logging/periodic-rotating-file-handler=FILE:write-attribute(name=named-formatter, value=JSON)"
    fi
    echo "stop-embedded-server"
} > "$work/telemetryflow.cli"
if ! "$JBOSS_HOME/bin/jboss-cli.sh" --file="$work/telemetryflow.cli" > "$work/cli.log" 2>&1; then
    cat "$work/cli.log" >&2
    die "applying server-config/wildfly/*.cli failed"
fi

# Leave no trace of the offline boot in the image: history, logs, and a data dir that a fresh
# volume is seeded from (empty, owned by the server's user).
rm -rf "$JBOSS_HOME/standalone/configuration/standalone_xml_history" \
       "$JBOSS_HOME/standalone/data" "$JBOSS_HOME/standalone/log" "$JBOSS_HOME/standalone/tmp"
mkdir -p "$JBOSS_HOME/standalone/data" "$JBOSS_HOME/standalone/log"
echo "WildFly configured for TelemetryFlow (log format: $LOG_FORMAT)"
