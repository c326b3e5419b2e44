# Translations (gettext domain "kefu"). Included by the root CMakeLists.txt;
# also run by itself (cmake -DPO_ACTION=... -P cmake/po.cmake) for the steps
# that must read the sources as they are now, not as they were at configure
# time. See docs/translation.md.
#
#   all        po/<lang>.po -> <build>/po/<lang>.mo (msgfmt --check) ->
#              <build>/catalog_embed.c (cmake/embed_mo.cmake), compiled into
#              the core: kefu carries its catalogues (src/core/i18n.c)
#   pot        regenerates po/kefu.pot from the sources (xgettext)
#   po-update  merges po/kefu.pot into every po/<lang>.po (msgmerge -U)
#   test       po.complete: every message of the current sources is
#              translated, none fuzzy, printf directives kept (msgfmt -c)
#
# What is extracted: _("..."), N_("...") and the format (3rd argument) of
# kf_err_set() in src/**/*.c and *.h and po/*.c (extra msgids, never
# compiled), and the policy descriptions (the Admin screen's MEANING
# column, drawn through _(p->description)) read out of schema/NNN_*.sql.

# ---------------------------------------------------------------------------
# Script mode: the steps behind the `pot` target and the po.complete test.
# ---------------------------------------------------------------------------
if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
  # In: SRC_DIR, XGETTEXT, VERSION, and per action OUT / WORK, MSGMERGE,
  # MSGATTRIB, MSGFMT.

  # Escapes s for a PO string literal.
  function(po_escape s out)
    string(REPLACE "\\" "\\\\" s "${s}")
    string(REPLACE "\"" "\\\"" s "${s}")
    string(REPLACE "\n" "\\n" s "${s}")
    string(REPLACE "\t" "\\t" s "${s}")
    set(${out} "${s}" PARENT_SCOPE)
  endfunction()

  # The 1-based line of byte offset pos in text.
  function(line_of text pos out)
    string(SUBSTRING "${text}" 0 ${pos} head)
    string(REGEX REPLACE "[^\n]" "" head "${head}")
    string(LENGTH "${head}" n)
    math(EXPR n "${n} + 1")
    set(${out} ${n} PARENT_SCOPE)
  endfunction()

  # Writes a PO template of the policy descriptions in schema/NNN_*.sql:
  # the last column of each row of an INSERT INTO policy, and any
  # `description = '...'` of a later UPDATE policy.
  function(policy_pot out)
    set(q "'((''|[^'])*)'")		# an SQL string literal; \1 its text
    set(ws "[ \t\r\n]*")
    set(pot "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n")
    file(GLOB sqls "${SRC_DIR}/schema/[0-9][0-9][0-9]_*.sql")
    list(SORT sqls)
    foreach(sql IN LISTS sqls)
      file(READ "${sql}" text)
      file(RELATIVE_PATH rel "${SRC_DIR}" "${sql}")
      # INSERT INTO policy (...) VALUES (...), (...);
      set(base 0)
      while(TRUE)
        string(SUBSTRING "${text}" ${base} -1 rest)
        string(REGEX MATCH "[Ii][Nn][Ss][Ee][Rr][Tt]${ws}[Ii][Nn][Tt][Oo]${ws}policy${ws}\\([^)]*\\)${ws}[Vv][Aa][Ll][Uu][Ee][Ss]" hit "${rest}")
        if(hit STREQUAL "")
          break()
        endif()
        string(FIND "${rest}" "${hit}" at)
        string(LENGTH "${hit}" len)
        math(EXPR pos "${base} + ${at} + ${len}")
        # One row at a time: ( ... , 'rule', 'description' )
        while(TRUE)
          string(SUBSTRING "${text}" ${pos} -1 rest)
          string(REGEX MATCH "^${ws},?${ws}\\(" open "${rest}")
          if(open STREQUAL "")
            break()
          endif()
          string(REGEX MATCH "^${ws},?${ws}\\(([^')]|${q})*${q}${ws}\\)" row "${rest}")
          if(row STREQUAL "")
            break()
          endif()
          string(REGEX MATCH "${q}${ws}\\)$" last "${row}")
          string(REGEX REPLACE "^'(.*)'${ws}\\)$" "\\1" desc "${last}")
          string(REPLACE "''" "'" desc "${desc}")
          string(REGEX MATCH "\\(${ws}${q}" key "${row}")
          string(REGEX REPLACE "^\\(${ws}'(.*)'$" "\\1" key "${key}")
          string(REGEX MATCH "${q}${ws},${ws}${q}${ws}\\)$" rule "${row}")
          string(REGEX REPLACE "^'([^']*)'.*" "\\1" rule "${rule}")
          string(LENGTH "${row}" rlen)
          string(LENGTH "${last}" llen)
          math(EXPR dpos "${pos} + ${rlen} - ${llen}")
          line_of("${text}" ${dpos} line)
          po_escape("${desc}" desc)
          string(APPEND pot "\n#. TRANSLATORS: the meaning of policy ${key} (${rule}), "
            "shown on Admin > Policies.\n#: ${rel}:${line}\nmsgid \"${desc}\"\nmsgstr \"\"\n")
          math(EXPR pos "${pos} + ${rlen}")
        endwhile()
        set(base ${pos})
      endwhile()
      # UPDATE policy SET ..., description = '...'
      set(base 0)
      while(TRUE)
        string(SUBSTRING "${text}" ${base} -1 rest)
        string(REGEX MATCH "[Uu][Pp][Dd][Aa][Tt][Ee]${ws}policy${ws}[Ss][Ee][Tt][^;]*description${ws}=${ws}${q}" hit "${rest}")
        if(hit STREQUAL "")
          break()
        endif()
        string(FIND "${rest}" "${hit}" at)
        string(LENGTH "${hit}" len)
        string(REGEX MATCH "${q}$" last "${hit}")
        string(REGEX REPLACE "^'(.*)'$" "\\1" desc "${last}")
        string(REPLACE "''" "'" desc "${desc}")
        string(LENGTH "${last}" llen)
        math(EXPR dpos "${base} + ${at} + ${len} - ${llen}")
        line_of("${text}" ${dpos} line)
        po_escape("${desc}" desc)
        string(APPEND pot "\n#. TRANSLATORS: the meaning of a policy, shown on "
          "Admin > Policies.\n#: ${rel}:${line}\nmsgid \"${desc}\"\nmsgstr \"\"\n")
        math(EXPR base "${base} + ${at} + ${len}")
      endwhile()
    endforeach()
    file(WRITE "${out}" "${pot}")
  endfunction()

  # Extracts every message of the sources as they are now into out.
  function(make_pot out work)
    file(MAKE_DIRECTORY "${work}")
    policy_pot("${work}/policies.pot")
    set(srcs "")
    foreach(dir src/tui src/cli src/core include/kefu)
      file(GLOB f RELATIVE "${SRC_DIR}" "${SRC_DIR}/${dir}/*.c" "${SRC_DIR}/${dir}/*.h")
      list(SORT f)
      list(APPEND srcs ${f})
    endforeach()
    file(GLOB f RELATIVE "${SRC_DIR}" "${SRC_DIR}/po/*.c")
    list(SORT f)
    list(APPEND srcs ${f})
    execute_process(
      COMMAND "${XGETTEXT}" --from-code=UTF-8 --add-comments=TRANSLATORS:
              --keyword=_ --keyword=N_ --keyword=kf_err_set:3
              --keyword=kf_ngettext:1,2
              --flag=kf_err_set:3:c-format --flag=ui_msg:3:c-format
              --flag=ui_alert:2:c-format --flag=cli_usage:2:c-format
              --flag=_:1:pass-c-format --flag=N_:1:pass-c-format
              --package-name=kefu --package-version=${VERSION}
              --msgid-bugs-address= --no-wrap
              -o "${work}/xgettext.pot" ${srcs} "${work}/policies.pot"
      WORKING_DIRECTORY "${SRC_DIR}"
      RESULT_VARIABLE rc ERROR_VARIABLE msgs)
    # Not a problem: no bug-report address is set for this template.
    string(REGEX REPLACE "[^\n]*--msgid-bugs-address was not specified[^\n]*\n( +[^\n]*\n)*" "" msgs "${msgs}")
    if(NOT msgs STREQUAL "")
      message("${msgs}")
    endif()
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "xgettext failed (${rc})")
    endif()
    file(READ "${work}/xgettext.pot" pot)
    string(REPLACE "# SOME DESCRIPTIVE TITLE." "# kefu (客服): the message template. Generated: cmake --build BUILD --target pot." pot "${pot}")
    string(REPLACE "# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER\n" "" pot "${pot}")
    string(REPLACE "# This file is distributed under the same license as the kefu package.\n" "" pot "${pot}")
    string(REPLACE "# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.\n" "" pot "${pot}")
    # Keep the old file when only the creation date would change.
    if(EXISTS "${out}")
      file(READ "${out}" old)
      string(REGEX REPLACE "\"POT-Creation-Date: [^\"]*\"" "" a "${old}")
      string(REGEX REPLACE "\"POT-Creation-Date: [^\"]*\"" "" b "${pot}")
      if(a STREQUAL b)
        set(pot_changed FALSE PARENT_SCOPE)
        return()
      endif()
    endif()
    file(WRITE "${out}" "${pot}")
    set(pot_changed TRUE PARENT_SCOPE)
  endfunction()

  if(PO_ACTION STREQUAL "pot")
    make_pot("${OUT}" "${WORK}")
    if(pot_changed)
      message(STATUS "wrote ${OUT}")
    else()
      message(STATUS "${OUT} is up to date")
    endif()
  elseif(PO_ACTION STREQUAL "check")
    # po.complete: merge each po/<lang>.po with the messages of the current
    # sources (in WORK, never in po/) and fail on any message that is
    # untranslated, fuzzy, or whose printf directives do not match.
    file(REMOVE_RECURSE "${WORK}")
    make_pot("${WORK}/kefu.pot" "${WORK}")
    file(GLOB pos "${SRC_DIR}/po/*.po")
    list(SORT pos)
    if(pos STREQUAL "")
      message(FATAL_ERROR "no po/*.po catalogue")
    endif()
    set(failed "")
    foreach(po IN LISTS pos)
      get_filename_component(lang "${po}" NAME_WE)
      set(merged "${WORK}/${lang}.po")
      execute_process(
        COMMAND "${MSGMERGE}" --quiet --previous --no-wrap -o "${merged}" "${po}" "${WORK}/kefu.pot"
        RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "msgmerge ${po} failed (${rc})")
      endif()
      set(bad "")
      foreach(kind untranslated only-fuzzy)
        execute_process(
          COMMAND "${MSGATTRIB}" --${kind} --no-obsolete --no-wrap "${merged}"
          OUTPUT_VARIABLE list RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
          message(FATAL_ERROR "msgattrib --${kind} failed (${rc})")
        endif()
        # Drop the header entry (msgid "") and keep the messages.
        string(REGEX REPLACE "^(.*\n)?msgid \"\"\nmsgstr \"\"\n(\"[^\n]*\n)*" "" list "${list}")
        string(STRIP "${list}" list)
        if(NOT list STREQUAL "")
          string(REGEX MATCHALL "\nmsgid " n "\n${list}")
          list(LENGTH n n)
          if(kind STREQUAL "untranslated")
            set(what "untranslated")
          else()
            set(what "fuzzy (the English changed: check the translation, then drop the fuzzy flag)")
          endif()
          string(APPEND bad "\n--- ${lang}: ${n} ${what}:\n${list}\n")
        endif()
      endforeach()
      execute_process(
        COMMAND "${MSGFMT}" --check --statistics -o /dev/null "${merged}"
        ERROR_VARIABLE fmterr RESULT_VARIABLE rc)
      string(STRIP "${fmterr}" fmterr)
      if(NOT rc EQUAL 0)
        string(APPEND bad "\n--- ${lang}: msgfmt --check fails "
          "(printf directives must match the English, in the same order):\n${fmterr}\n")
      endif()
      if(bad STREQUAL "")
        message(STATUS "po/${lang}.po: ${fmterr}")
      else()
        string(APPEND failed "${bad}")
      endif()
      execute_process(
        COMMAND "${MSGATTRIB}" --only-obsolete --no-wrap "${merged}"
        OUTPUT_VARIABLE obs)
      string(REGEX MATCHALL "\n#~ msgid " n "\n${obs}")
      list(LENGTH n n)
      if(n GREATER 0)
        message(STATUS "po/${lang}.po: ${n} translations no longer used (they go at the next po-update)")
      endif()
    endforeach()
    if(NOT failed STREQUAL "")
      message(NOTICE "${failed}")
      message(FATAL_ERROR "po.complete: the catalogues above do not cover "
        "the current sources. Run `cmake --build BUILD --target po-update`, "
        "translate those messages in po/<lang>.po and drop their fuzzy "
        "flags (see docs/translation.md).")
    endif()
  else()
    message(FATAL_ERROR "po.cmake: PO_ACTION must be pot or check")
  endif()
  return()
endif()

# ---------------------------------------------------------------------------
# Configure mode (included by CMakeLists.txt).
# ---------------------------------------------------------------------------
find_program(KEFU_MSGFMT msgfmt)
find_program(KEFU_XGETTEXT xgettext)
find_program(KEFU_MSGMERGE msgmerge)
find_program(KEFU_MSGATTRIB msgattrib)
foreach(tool KEFU_MSGFMT KEFU_XGETTEXT KEFU_MSGMERGE KEFU_MSGATTRIB)
  if(NOT ${tool})
    message(FATAL_ERROR "kefu: ${tool} not found: install the gettext tools "
      "(Debian package gettext; scripts/deps.sh does it)")
  endif()
endforeach()

file(GLOB KEFU_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
list(SORT KEFU_PO_FILES)
set(KEFU_MO_FILES "")
foreach(po IN LISTS KEFU_PO_FILES)
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/po/${lang}.mo)
  add_custom_command(
    OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/po
    COMMAND ${KEFU_MSGFMT} --check -o ${mo} ${po}
    DEPENDS ${po}
    COMMENT "Compiling the ${lang} message catalogue"
    VERBATIM)
  list(APPEND KEFU_MO_FILES ${mo})
endforeach()
# The catalogues are carried inside the binary (src/core/i18n.c), so an
# installed kefu needs no locale directory: nothing to install but kefu.
string(REPLACE ";" "|" KEFU_MO_ARG "${KEFU_MO_FILES}")
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/catalog_embed.c
  COMMAND ${CMAKE_COMMAND} -DOUT=${CMAKE_BINARY_DIR}/catalog_embed.c
          "-DFILES=${KEFU_MO_ARG}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_mo.cmake
  DEPENDS ${KEFU_MO_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_mo.cmake
  COMMENT "Embedding the message catalogues" VERBATIM)
target_sources(kefucore PRIVATE ${CMAKE_BINARY_DIR}/catalog_embed.c)
add_custom_target(translations DEPENDS ${KEFU_MO_FILES})

set(KEFU_PO_ARGS
  -DSRC_DIR=${CMAKE_SOURCE_DIR} -DVERSION=${PROJECT_VERSION}
  -DXGETTEXT=${KEFU_XGETTEXT} -DMSGMERGE=${KEFU_MSGMERGE}
  -DMSGATTRIB=${KEFU_MSGATTRIB} -DMSGFMT=${KEFU_MSGFMT})

add_custom_target(pot
  COMMAND ${CMAKE_COMMAND} ${KEFU_PO_ARGS} -DPO_ACTION=pot
          -DOUT=${CMAKE_SOURCE_DIR}/po/kefu.pot -DWORK=${CMAKE_BINARY_DIR}/po-pot
          -P ${CMAKE_SOURCE_DIR}/cmake/po.cmake
  COMMENT "Regenerating po/kefu.pot from the sources"
  VERBATIM)

set(KEFU_PO_UPDATE "")
foreach(po IN LISTS KEFU_PO_FILES)
  list(APPEND KEFU_PO_UPDATE COMMAND ${KEFU_MSGMERGE} --quiet --previous --update
    --backup=none --no-wrap ${po} ${CMAKE_SOURCE_DIR}/po/kefu.pot)
endforeach()
add_custom_target(po-update ${KEFU_PO_UPDATE}
  COMMENT "Merging po/kefu.pot into po/*.po"
  VERBATIM)
add_dependencies(po-update pot)	# always against the sources as they are

add_test(NAME po.complete
  COMMAND ${CMAKE_COMMAND} ${KEFU_PO_ARGS} -DPO_ACTION=check
          -DWORK=${CMAKE_BINARY_DIR}/po-check
          -P ${CMAKE_SOURCE_DIR}/cmake/po.cmake)
set_tests_properties(po.complete PROPERTIES LABELS unit)
