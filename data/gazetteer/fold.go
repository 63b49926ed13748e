package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the search key of a place name: lower case, without
// diacritics, with the spelling variants of Arabic-script names made one
// (ي/ى/ې/ۍ → ی, ك → ک, ة/ہ/ۃ/ە/ھ → ه, ٱ → ا; tatweel, harakat and
// hamza dropped), Arabic-Indic digits as ASCII digits, zero-width
// joiners and other invisible characters dropped, apostrophes dropped,
// and any run of other punctuation, symbols or spaces as one space. Two
// spellings with the same key are the same name to Search and Lookup.
func Fold(s string) string {
	if isPlainASCII(s) {
		return foldASCII(s)
	}
	// NFKD splits letters from their marks (é → e + ◌́, أ → ا + ◌ٔ) and
	// maps compatibility forms (Arabic presentation forms, ligatures,
	// full-width letters) to their plain letters.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if norm.NFKD.QuickSpanString(s) < len(s) {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for _, r := range s {
		r, drop := foldRune(r)
		switch {
		case drop:
			continue
		case r == ' ':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch r {
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ß':
			b.WriteString("ss")
		case 'þ':
			b.WriteString("th")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlainASCII reports whether s is all ASCII.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is Fold for ASCII text.
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '\'' || c == '`':
			continue
		default:
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// foldRune maps one rune of NFKD text: to ' ' for a separator, to drop
// for a character that is left out, else to its folded form.
func foldRune(r rune) (out rune, drop bool) {
	switch r {
	// Arabic script: one letter for each set of variants.
	case 'ي', 'ى', 'ې', 'ۍ', 'ێ', 'ے', 'ۓ':
		return 'ی', false
	case 'ك', 'ڪ':
		return 'ک', false
	case 'ة', 'ہ', 'ۃ', 'ە', 'ھ', 'ۀ':
		return 'ه', false
	case 'ٱ', 'ٲ', 'ٳ':
		return 'ا', false
	case 'ـ', 'ء': // tatweel; a hamza on its own
		return 0, true
	// Apostrophes and the letters romanisations use for ʿayn and hamza.
	case '\'', '`', '´', '’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', 'ʹ', 'ʽ':
		return 0, true
	// Latin letters without a decomposition.
	case 'ı':
		return 'i', false
	case 'ł', 'Ł':
		return 'l', false
	case 'ø', 'Ø':
		return 'o', false
	case 'đ', 'Đ', 'ð', 'Ð':
		return 'd', false
	case 'ħ', 'Ħ':
		return 'h', false
	case 'ə', 'Ə':
		return 'e', false
	case 'Æ':
		return 'æ', false
	case 'Œ':
		return 'œ', false
	case 'Þ':
		return 'þ', false
	}
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), false
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), false
	case unicode.IsSpace(r):
		return ' ', false
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return 0, true // diacritics, harakat, Indic vowel signs
	case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r):
		// Zero-width (non-)joiners, direction marks, soft hyphens, BOMs;
		// control characters.
		return 0, true
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
		return unicode.ToLower(r), false
	}
	return ' ', false
}
