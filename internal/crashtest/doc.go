// Package crashtest is Frontier's crash-safety harness. Its tests, built
// only with the "crash" build tag (make crashtest), kill real Frontier
// processes with SIGKILL at random moments and check what they leave:
//
//   - TestKilledImport runs the real `frontier import` binary on a large
//     generated file, kills it (and sometimes its reruns), reopens the
//     store and checks its consistency, its import records and that a
//     rerun completes it to the content of a clean import.
//   - TestKilledAnnotationEdits runs a child process that edits annotations
//     through the app's UI-side API (TestCrashAnnotHelper in package app),
//     kills it right after an edit is reported done and checks that the
//     store holds exactly the edits reported done.
//
// FRONTIER_CRASH_IMPORT_KILLS and FRONTIER_CRASH_ANNOT_KILLS set how many
// kills each test makes (50 and 20 by default), FRONTIER_CRASH_ROWS the
// generated file's rows, FRONTIER_CRASH_SEED the random seed (a new one,
// logged, by default).
//
// The harness lives in its own package because it drives whole programs
// (the CLI binary and the app's test binary) rather than one package's
// code, and behind a build tag because it spends minutes and processes
// that `go test ./...` should not.
package crashtest
