# Sourced by the agent benchmarks: start_bare_broker ROOT WORK starts a bare Kafka broker (modules/agent's test-scope
# BenchBroker, nothing of servmon on it), so that only the broker shares the machine with what is measured. Sets
# BROKER_PID and BOOTSTRAP; the caller stops BROKER_PID. Needs JAVA_HOME.
start_bare_broker() {
  local root=$1 work=$2
  echo "Starting a bare Kafka broker (test scope of modules/agent)..." >&2
  (cd "$root" && ./mvnw -B -q -ntp -o -pl modules/agent test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >&2)
  local cp="$root/modules/agent/target/test-classes:$root/modules/agent/target/classes:$(cat "$work/classpath.txt")"
  "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -cp "$cp" servmon.agent.simulate.BenchBroker "$work/kafka" \
    >"$work/broker.log" 2>&1 &
  BROKER_PID=$!
  BOOTSTRAP=""
  for _ in $(seq 1 120); do
    BOOTSTRAP=$(awk '/^BOOTSTRAP / {print $2}' "$work/broker.log")
    [ -n "$BOOTSTRAP" ] && return 0
    kill -0 "$BROKER_PID" 2>/dev/null || { cat "$work/broker.log" >&2; return 1; }
    sleep 1
  done
  echo "the broker did not start within 2 minutes" >&2
  kill "$BROKER_PID" 2>/dev/null
  return 1
}
