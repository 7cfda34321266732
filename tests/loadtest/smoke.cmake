# A few seconds of auditrail-load against a real auditrail-ingest with --verify (issue 6). It needs the cluster
# scripts/test starts (AUDITRAIL_TEST_DATABASE_URL); like the pg tests, a missing database fails it.
add_test(NAME "loadtest: smoke run completes and verifies"
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/smoke.sh)
set_tests_properties("loadtest: smoke run completes and verifies" PROPERTIES
  RUN_SERIAL ON
  TIMEOUT 120
  ENVIRONMENT "AUDITRAIL_DEFAULT_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
