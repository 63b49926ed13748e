package app

// countNoun writes n with its noun in the right number: "1 layer",
// "3 layers", "12,400 events" (digits grouped).
func countNoun(n int, one, many string) string {
	noun := many
	if n == 1 {
		noun = one
	}
	return groupDigits(int64(n)) + " " + noun
}
