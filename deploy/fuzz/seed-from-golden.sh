#!/usr/bin/env bash
# Writes the golden packets of protocol/src/test/resources/golden (hex, '#' comments) as binary
# seed inputs in Jazzer's layout, <package>/<TestClass>Inputs/<method>/<name>, so that
# `mvn test` replays them and fuzzing starts from real clients' and servers' packets.
# Rerun after adding golden packets; it only adds or overwrites the golden-* files.
set -euo pipefail
cd "$(dirname "$0")/../.."
golden=protocol/src/test/resources/golden
resources=protocol/src/test/resources/org/dhcpcluster/protocol

seed() { # <golden dir> <inputs dir>
    mkdir -p "$2"
    for hex in "$1"/*.hex; do
        grep -v '^#' "$hex" | xxd -r -p > "$2/golden-$(basename "$hex" .hex)"
    done
}

seed "$golden/v4" "$resources/v4/codec/DhcpV4DecoderFuzzTestInputs/decodedMessagesReencodeToThemselves"
seed "$golden/v6" "$resources/v6/codec/DhcpV6DecoderFuzzTestInputs/decodedMessagesReencodeToThemselves"
