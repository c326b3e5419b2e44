# Manual pages and bash completion: kefu(1), kefu-admin(7) and
# share/bash-completion/completions/kefu.
#
# Which way round, and why (docs/man/README.md says more): the help text
# in src/cli (`kefu --help`, `kefu COMMAND --help`) is the one source.
# It is what a person reads first, it is tested (tests/cli), and every
# command's usage lines sit in the C file that parses them. So kefu(1) is
# generated from it, help2man's direction, by our own script: help2man
# knows nothing of COMMAND --help, and it would be a build dependency.
# cmake/kefu-help.sh runs the kefu just built, reads its help (no
# database, no terminal, LANG=C: the English text) and writes
#   man/kefu.1         docs/man/kefu.1.in (hand-written: description,
#                      environment, files, examples, ...) with the
#                      options, every command's usage and text, and the
#                      exit codes filled in from the help;
#   completion/kefu    bash completion: the commands, each one's verbs
#                      and options, the global options.
# Neither can then miss a command or a verb the help names (tests/man
# checks that, and lints the pages). kefu-admin(7) is prose: written by
# hand in docs/man/kefu-admin.7.in, only the paths, version and date
# filled in here. The generator needs only sh and awk (POSIX; Debian's
# mawk will do). It runs kefu, so a cross build would need an emulator;
# kefu is not cross-built.

# string(TIMESTAMP) honours SOURCE_DATE_EPOCH (set by dpkg-buildpackage),
# so a package build writes the same pages every time.
string(TIMESTAMP KEFU_MAN_DATE "%Y-%m-%d" UTC)
get_filename_component(KEFU_SYSTEM_DB_DIR ${KEFU_SYSTEM_DB} DIRECTORY)
set(KEFU_MAN_DIR ${CMAKE_BINARY_DIR}/man)
set(KEFU_COMPLETION ${CMAKE_BINARY_DIR}/completion/kefu)

add_custom_command(
  OUTPUT ${KEFU_MAN_DIR}/kefu.1 ${KEFU_COMPLETION}
  COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/kefu-help.sh $<TARGET_FILE:kefu>
          ${CMAKE_SOURCE_DIR}/cmake/kefu-help.awk
          ${CMAKE_SOURCE_DIR}/docs/man/kefu.1.in ${PROJECT_VERSION}
          ${KEFU_MAN_DATE} ${KEFU_SYSTEM_DB}
          ${KEFU_MAN_DIR}/kefu.1 ${KEFU_COMPLETION}
  DEPENDS kefu ${CMAKE_SOURCE_DIR}/cmake/kefu-help.sh
          ${CMAKE_SOURCE_DIR}/cmake/kefu-help.awk
          ${CMAKE_SOURCE_DIR}/docs/man/kefu.1.in
  COMMENT "Writing kefu(1) and the bash completion from kefu's help text"
  VERBATIM)
configure_file(docs/man/kefu-admin.7.in ${KEFU_MAN_DIR}/kefu-admin.7 @ONLY)
add_custom_target(man ALL DEPENDS ${KEFU_MAN_DIR}/kefu.1 ${KEFU_COMPLETION})

install(FILES ${KEFU_MAN_DIR}/kefu.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${KEFU_MAN_DIR}/kefu-admin.7
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)
install(FILES ${KEFU_COMPLETION}
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
