# The pages in a real browser (issue 4, tests/browser/run.sh): auditrail-ingest and auditrail-query against the
# cluster scripts/test starts, walked in Debian's headless Chromium by playwright-core. A missing database, node,
# npm or /usr/bin/chromium fails it (never a skip). Screenshots: <build>/test-artifacts/browser/*.png.
add_test(NAME "browser: pages" COMMAND ${CMAKE_CURRENT_LIST_DIR}/run.sh)
set_tests_properties("browser: pages" PROPERTIES
  LABELS browser
  # It shares the database with the pg tests (some of which restart it) and Chromium wants both cores.
  RUN_SERIAL ON
  TIMEOUT 300
  ENVIRONMENT "AUDITRAIL_BROWSER_BUILD_DIR=${CMAKE_BINARY_DIR}")
