# Sourced by the agent benchmarks: start_bare_broker ROOT WORK starts a bare Kafka broker (modules/agent's test-scope
# BenchBroker, nothing of servmon on it), so that only the broker shares the machine with what is measured. Sets
# BROKER_PID and BOOTSTRAP; the caller stops it with stop_bare_broker (at its cleanup). Needs JAVA_HOME.
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
  stop_bare_broker
  return 1
}

# stop_bare_broker: SIGTERM to BROKER_PID, then SIGKILL to that PID alone if it is still there after 20 s (a broker
# busy shutting down can outlive its bench); reaps it and clears BROKER_PID. Does nothing when none was started.
stop_bare_broker() {
  [ -n "${BROKER_PID:-}" ] || return 0
  local pid=$BROKER_PID deadline=$((SECONDS + 20))
  kill "$pid" 2>/dev/null || true
  # not "kill -0": the broker is this shell's child, and an exited child answers it until it is reaped
  while bare_broker_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.5
  done
  if bare_broker_alive "$pid"; then
    echo "the bare broker (PID $pid) was still running 20 s after SIGTERM: killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  BROKER_PID=""
}

# bare_broker_alive PID: the process is there and not a zombie (which holds its PID until the shell reaps it)
bare_broker_alive() {
  case "$(ps -o stat= -p "$1" 2>/dev/null)" in
    ''|Z*) return 1 ;;
    *) return 0 ;;
  esac
}
