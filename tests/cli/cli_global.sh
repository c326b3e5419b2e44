#!/usr/bin/env bash
# cli_global.sh — global options, help, version, unknown commands and flags.
. "$(dirname "$0")/lib.sh" "$@"

COMMANDS="init migrate check backup user policy audit"

# --help and -h: the whole usage, every command listed, the exit codes.
for h in --help -h; do
	expect_exit 0 kefu "$h"
	expect_out '^usage: kefu \[--db PATH\]'
	for c in $COMMANDS; do
		expect_out "^  $c "
	done
	expect_out '0 ok, 1 usage'
	expect_out 'KEFU_NOW'
done

# --version: the program, the schema, SQLite (cli_migrate.sh has the rest).
expect_exit 0 kefu --version
expect_out '^kefu [0-9]+\.[0-9]+\.[0-9]+$'
expect_out '^schema [0-9]+ \(writes and reads databases of schema 1 to [0-9]+\)$'
expect_out '^SQLite [0-9]+\.[0-9]+\.[0-9]+$'
expect_eq 3 "$(out_lines)" "--version prints three lines"

# COMMAND --help and help COMMAND: the command's usage, without opening any
# database (the default one need not exist).
for c in $COMMANDS; do
	expect_exit 0 kefu --db "$T/nodir/none.db" "$c" --help
	expect_out "^usage: kefu (\[--db PATH\] )?$c"
	cp "$OUT" "$T/help.$c"
	expect_exit 0 kefu help "$c"
	check "kefu help $c = kefu $c --help" -z "$(diff "$OUT" "$T/help.$c")"
	expect_exit 0 kefu "$c" -h
done
check "no database was created by --help" ! -e "$T/nodir"
# Help after a verb works too.
expect_exit 0 kefu --db "$T/none.db" user add --help
expect_out '^usage: kefu user add LOGIN NAME ROLES'
check "user add --help created no database" ! -e "$T/none.db"
# The user help says what the roles are and who may do what.
expect_exit 0 kefu help user
for word in reception dispatcher technician supervisor billing admin \
    passwd disable --version 'exit 3' 'exit 5'; do
	expect_out_fixed "$word"
done
expect_exit 0 kefu help policy
expect_out_fixed '40m'
expect_out_fixed '17:30'
expect_out_fixed '5%'

# `help` of a command that does not exist is an unknown command, as
# `kefu nosuch` is: exit 1 with one line, not the general help with exit 0.
expect_exit 1 kefu help nosuch
expect_err_fixed nosuch

# Unknown command.
expect_exit 1 kefu nosuch
expect_err "unknown command 'nosuch'"
expect_exit 1 kefu --db "$DB" frobnicate --help
expect_err "unknown command 'frobnicate'"
check "an unknown command created no database" ! -e "$DB"

# Unknown global flags, long and short.
expect_exit 1 kefu --bogus user list
expect_err '--bogus'
expect_exit 1 kefu -x user list
expect_err '-x'

# A global option missing its value: the message names the option as the
# user typed it (--db, --as, --login), not an internal letter like "-d".
for opt in --db --as --login; do
	expect_exit 1 kefu "$opt"
	expect_err "$opt"
done
# --json takes no value.
expect_exit 1 kefu --json=yes user list
expect_err '--json'

# --as and --login exclude each other (checked before any database work).
expect_exit 1 kefu --db "$DB" --as "$ME" --login "$ME" user list
expect_err 'exclude each other'
check "--as with --login created no database" ! -e "$DB"

# The verbs of each noun: missing or unknown, exit 1, one line naming them.
expect_exit 0 k init
expect_exit 1 k user
expect_err 'add'
expect_err 'passwd'		# the whole list of verbs, not a truncated one
expect_exit 1 k user frob
expect_err "unknown verb 'frob'"
expect_exit 1 k policy
expect_err 'list'
expect_err 'set'
expect_exit 1 k policy frob
expect_err 'frob'
expect_exit 1 k audit
expect_err 'list'
expect_exit 1 k audit frob
expect_err 'unknown verb'
# Commands that take no arguments say so.
for c in "init x" "migrate x" "check x" "user list x" "policy list x" \
    "audit list x"; do
	expect_exit 1 k $c
done
expect_exit 1 k backup
expect_err 'FILE'

# Output that cannot be written is an error (exit 6, one line), for the
# help and the version as for any command: a script must not take an
# empty or cut output for the real thing.
if [ -c /dev/full ] && [ -w /dev/full ]; then
	to_full() { "$@" >/dev/full; }
	expect_exit 6 to_full k user list
	expect_err 'cannot write output'
	expect_exit 6 to_full k --json policy list
	for c in --version --help "help user" "user --help"; do
		expect_exit 6 to_full kefu $c
		expect_err 'cannot write'
	done
else
	fail "/dev/full is needed to test output errors"
fi

# --json before the command, anywhere among the global options.
expect_exit 0 kefu --json --db "$DB" user list
expect_json
expect_exit 0 kefu --db "$DB" --json policy list
expect_json

finish
