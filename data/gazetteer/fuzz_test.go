package gazetteer

import (
	"strings"
	"testing"
)

// FuzzSearch searches for arbitrary text: it must not panic, must keep to
// the limit, must rank closest first, and every match must hold the
// folded query in one of its folded names.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Peshawar", "پاړه چنار", "كـابُل", "جلال\u200cآباد", "k", "a b", "\xff\xfe", "Mazar-e-Sharif", "٣٤"} {
		f.Add(s, 5)
	}
	g := load(f)
	f.Fuzz(func(t *testing.T, q string, limit int) {
		limit %= 50
		ms := g.Search(q, limit)
		if limit > 0 && len(ms) > limit {
			t.Fatalf("%d matches, limit %d", len(ms), limit)
		}
		fq := Fold(q)
		if Fold(fq) != fq {
			t.Fatalf("Fold is not idempotent: %q → %q → %q", q, fq, Fold(fq))
		}
		for i, m := range ms {
			if i > 0 && ms[i-1].Kind > m.Kind {
				t.Fatalf("%v after %v", m.Kind, ms[i-1].Kind)
			}
			if !strings.Contains(Fold(m.Name), fq) {
				t.Fatalf("%q matched %q (%q)", q, m.Name, Fold(m.Name))
			}
		}
		if m, ok := g.Lookup(q, ""); ok && Fold(m.Name) != fq {
			// Lookup may match the part before a comma or a dropped suffix.
			if !strings.Contains(fq, Fold(m.Name)) {
				t.Fatalf("Lookup(%q) = %q", q, m.Name)
			}
		}
	})
}
