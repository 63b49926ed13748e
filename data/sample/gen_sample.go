//go:build ignore

// gen_sample writes frontier_sample.csv, the small illustrative dataset that
// Frontier embeds for its first run and its demos. Every event is invented:
// each note starts with "[Illustrative sample, not reporting]", the source is
// "Frontier illustrative sample", and the tags say "illustrative sample".
// Place names are real and coordinates approximate (most from the GeoNames
// extract in shared/data).
//
// Run from the repository root:
//
//	go run data/sample/gen_sample.go [-out data/sample/frontier_sample.csv]
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontier/data"
)

// Actors.
const (
	ttp      = "TTP: Tehrik-i-Taliban Pakistan"
	iskp     = "ISKP: Islamic State Khorasan Province"
	bla      = "BLA: Balochistan Liberation Army"
	hgb      = "Hafiz Gul Bahadur Group"
	lei      = "Lashkar-e-Islam"
	uagPK    = "Unidentified Armed Group (Pakistan)"
	milPK    = "Military Forces of Pakistan (2022-)"
	polPK    = "Police Forces of Pakistan (2022-)"
	govPK    = "Government of Pakistan (2022-)"
	milAF    = "Military Forces of Afghanistan (2021-)"
	govAF    = "Government of Afghanistan (2021-)"
	civPK    = "Civilians (Pakistan)"
	civAF    = "Civilians (Afghanistan)"
	civCN    = "Civilians (China)"
	proPK    = "Protesters (Pakistan)"
	rioPK    = "Rioters (Pakistan)"
	trade    = "Traders (Pakistan)"
	labour   = "Labor Group (Pakistan)"
	students = "Students (Pakistan)"
)

// interOf gives an actor's ACLED inter code in a country ("PAK" or "AFG"):
// a government's forces acting in the other country are External/Other forces.
func interOf(actor, cc string) string {
	switch actor {
	case "":
		return ""
	case ttp, iskp, bla, hgb, lei:
		return "Rebel group"
	case uagPK:
		return "Political militia"
	case civPK, civAF, civCN:
		return "Civilians"
	case proPK:
		return "Protesters"
	case rioPK:
		return "Rioters"
	case milPK, polPK, govPK:
		if cc == "AFG" {
			return "External/Other forces"
		}
		return "State forces"
	case milAF, govAF:
		if cc == "PAK" {
			return "External/Other forces"
		}
		return "State forces"
	}
	panic("unknown actor " + actor)
}

var interRank = map[string]int{
	"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4,
	"Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other forces": 8,
}

type place struct {
	cc                     string // PAK or AFG
	admin1, admin2, admin3 string
	name                   string
	lat, lon               float64
}

var places = map[string]place{
	// Pakistan.
	"torkham":    {"PAK", "Khyber Pakhtunkhwa", "Khyber", "Landi Kotal", "Torkham", 34.1016, 71.0921},
	"landikotal": {"PAK", "Khyber Pakhtunkhwa", "Khyber", "Landi Kotal", "Landi Kotal", 34.0988, 71.14108},
	"jamrud":     {"PAK", "Khyber Pakhtunkhwa", "Khyber", "Jamrud", "Jamrud", 33.9986, 71.3781},
	"bara":       {"PAK", "Khyber Pakhtunkhwa", "Khyber", "Bara", "Bara", 33.9157, 71.46},
	"peshawar":   {"PAK", "Khyber Pakhtunkhwa", "Peshawar", "Peshawar", "Peshawar", 34.008, 71.57849},
	"khar":       {"PAK", "Khyber Pakhtunkhwa", "Bajaur", "Khar", "Khar", 34.7318, 71.5232},
	"nawagai":    {"PAK", "Khyber Pakhtunkhwa", "Bajaur", "Nawagai", "Nawagai", 34.6966, 71.3575},
	"mamund":     {"PAK", "Khyber Pakhtunkhwa", "Bajaur", "Mamund", "Mamund", 34.78, 71.44},
	"pashat":     {"PAK", "Khyber Pakhtunkhwa", "Bajaur", "Salarzai", "Pashat", 34.85, 71.55},
	"miranshah":  {"PAK", "Khyber Pakhtunkhwa", "North Waziristan", "Miran Shah", "Miran Shah", 33.00059, 70.07117},
	"mirali":     {"PAK", "Khyber Pakhtunkhwa", "North Waziristan", "Mir Ali", "Mir Ali", 32.9962, 70.2835},
	"wana":       {"PAK", "Khyber Pakhtunkhwa", "South Waziristan", "Wana", "Wana", 32.29889, 69.5725},
	"angooradda": {"PAK", "Khyber Pakhtunkhwa", "South Waziristan", "Birmal", "Angoor Adda", 32.498, 69.355},
	"bannu":      {"PAK", "Khyber Pakhtunkhwa", "Bannu", "Bannu", "Bannu", 32.98527, 70.60403},
	"lakki":      {"PAK", "Khyber Pakhtunkhwa", "Lakki Marwat", "Lakki Marwat", "Lakki Marwat", 32.60724, 70.91234},
	"dik":        {"PAK", "Khyber Pakhtunkhwa", "Dera Ismail Khan", "Dera Ismail Khan", "Dera Ismail Khan", 31.83129, 70.9017},
	"tank":       {"PAK", "Khyber Pakhtunkhwa", "Tank", "Tank", "Tank", 32.21707, 70.38315},
	"parachinar": {"PAK", "Khyber Pakhtunkhwa", "Kurram", "Upper Kurram", "Parachinar", 33.89968, 70.10012},
	"kohat":      {"PAK", "Khyber Pakhtunkhwa", "Kohat", "Kohat", "Kohat", 33.58196, 71.44929},
	"besham":     {"PAK", "Khyber Pakhtunkhwa", "Shangla", "Besham", "Besham", 34.929, 72.867},
	"dasu":       {"PAK", "Khyber Pakhtunkhwa", "Upper Kohistan", "Dasu", "Dasu", 35.29169, 73.2906},
	"islamabad":  {"PAK", "Islamabad Capital Territory", "Islamabad", "Islamabad", "Islamabad", 33.72148, 73.04329},
	"quetta":     {"PAK", "Balochistan", "Quetta", "Quetta City", "Quetta", 30.18414, 67.00141},
	"chaman":     {"PAK", "Balochistan", "Killa Abdullah", "Chaman", "Chaman", 30.921, 66.4497},
	"gwadar":     {"PAK", "Balochistan", "Gwadar", "Gwadar", "Gwadar", 25.12163, 62.32541},
	"turbat":     {"PAK", "Balochistan", "Kech", "Turbat", "Turbat", 26.00122, 63.04849},
	"mastung":    {"PAK", "Balochistan", "Mastung", "Mastung", "Mastung", 29.79966, 66.84553},
	"kalat":      {"PAK", "Balochistan", "Kalat", "Kalat", "Kalat", 29.02663, 66.59361},
	"panjgur":    {"PAK", "Balochistan", "Panjgur", "Panjgur", "Panjgur", 26.97186, 64.09459},
	"noshki":     {"PAK", "Balochistan", "Noshki", "Noshki", "Noshki", 29.55218, 66.02288},
	"mach":       {"PAK", "Balochistan", "Kachhi", "Mach", "Mach", 29.86371, 67.33018},
	"karachi":    {"PAK", "Sindh", "Karachi South", "Saddar", "Karachi", 24.8608, 67.0104},
	// Afghanistan (ACLED leaves admin3 empty there).
	"barmal":     {"AFG", "Paktika", "Barmal", "", "Barmal", 32.67, 69.29},
	"urgun":      {"AFG", "Paktika", "Urgun", "", "Urgun", 32.9515, 69.1828},
	"spera":      {"AFG", "Khost", "Spera", "", "Spera", 33.20204, 69.5152},
	"alisher":    {"AFG", "Khost", "Terezayi", "", "Ali Sher", 33.4362, 70.06711},
	"khost":      {"AFG", "Khost", "Khost", "", "Khost", 33.33951, 69.92041},
	"dangam":     {"AFG", "Kunar", "Dangam", "", "Dangam", 34.99249, 71.41935},
	"sarkani":    {"AFG", "Kunar", "Sarkani", "", "Sarkani", 34.79023, 71.10962},
	"asadabad":   {"AFG", "Kunar", "Asadabad", "", "Asadabad", 34.87311, 71.14697},
	"basawul":    {"AFG", "Nangarhar", "Mohmand Dara", "", "Basawul", 34.24749, 70.87218},
	"jalalabad":  {"AFG", "Nangarhar", "Jalalabad", "", "Jalalabad", 34.42647, 70.45153},
	"achin":      {"AFG", "Nangarhar", "Achin", "", "Achin", 34.12583, 70.70778},
	"spinboldak": {"AFG", "Kandahar", "Spin Boldak", "", "Spin Boldak", 31.00575, 66.40001},
	"kabul":      {"AFG", "Kabul", "Kabul", "", "Kabul", 34.52813, 69.17233},
	"kandahar":   {"AFG", "Kandahar", "Kandahar", "", "Kandahar", 31.61332, 65.71013},
}

// kinds maps a short key to disorder_type, event_type, sub_event_type.
var kinds = map[string][3]string{
	"clash":    {"Political violence", "Battles", "Armed clash"},
	"air":      {"Political violence", "Explosions/Remote violence", "Air/drone strike"},
	"suicide":  {"Political violence", "Explosions/Remote violence", "Suicide bomb"},
	"ied":      {"Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
	"shell":    {"Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
	"attack":   {"Political violence", "Violence against civilians", "Attack"},
	"abduct":   {"Political violence", "Violence against civilians", "Abduction/forced disappearance"},
	"peace":    {"Demonstrations", "Protests", "Peaceful protest"},
	"interv":   {"Demonstrations", "Protests", "Protest with intervention"},
	"excess":   {"Political violence; Demonstrations", "Protests", "Excessive force against protesters"},
	"riot":     {"Demonstrations", "Riots", "Violent demonstration"},
	"agree":    {"Strategic developments", "Strategic developments", "Agreement"},
	"arrest":   {"Strategic developments", "Strategic developments", "Arrests"},
	"change":   {"Strategic developments", "Strategic developments", "Change to group/activity"},
	"hq":       {"Strategic developments", "Strategic developments", "Headquarters or base established"},
	"transfer": {"Strategic developments", "Strategic developments", "Non-violent transfer of territory"},
	"other":    {"Strategic developments", "Strategic developments", "Other"},
}

// ev is one invented event. note is written after an ACLED-style dated lead
// ("On 12 March 2025, "). tags are added to "illustrative sample".
type ev struct {
	date, kind, a1, as1, a2, as2, place, scale, tags, note string
	tp, geo, fatal                                         int
	id                                                     string
	sortDate                                               time.Time
}

func main() {
	out := flag.String("out", "data/sample/frontier_sample.csv", "output CSV file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen_sample:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	evs := events()
	// IDs in chronological order per country.
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].date < evs[j].date })
	seq := map[string]int{}
	for i := range evs {
		e := &evs[i]
		p, ok := places[e.place]
		if !ok {
			return fmt.Errorf("event %d: unknown place %q", i, e.place)
		}
		if _, ok := kinds[e.kind]; !ok {
			return fmt.Errorf("event %d: unknown kind %q", i, e.kind)
		}
		d, err := time.Parse("2006-01-02", e.date)
		if err != nil {
			return err
		}
		e.sortDate = d
		seq[p.cc]++
		e.id = fmt.Sprintf("%s-S%04d", p.cc, seq[p.cc])
	}
	// ACLED exports list the newest events first.
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].date != evs[j].date {
			return evs[i].date > evs[j].date
		}
		return evs[i].id > evs[j].id
	})

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(data.ACLEDColumns); err != nil {
		return err
	}
	for i := range evs {
		if err := w.Write(record(&evs[i])); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return report(evs)
}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func lead(d time.Time, tp int) string {
	dm := fmt.Sprintf("%d %s %d", d.Day(), months[d.Month()-1], d.Year())
	switch tp {
	case 2:
		return "Around " + dm + ", "
	case 3:
		return fmt.Sprintf("In %s %d, ", months[d.Month()-1], d.Year())
	}
	return "On " + dm + ", "
}

func record(e *ev) []string {
	p := places[e.place]
	k := kinds[e.kind]
	i1, i2 := interOf(e.a1, p.cc), interOf(e.a2, p.cc)
	interaction := i1 + " only"
	if i2 != "" {
		a, b := i1, i2
		if interRank[a] > interRank[b] {
			a, b = b, a
		}
		interaction = a + "-" + b
	}
	civ := ""
	if i2 == "Civilians" && (k[1] == "Violence against civilians" || k[1] == "Explosions/Remote violence") {
		civ = "Civilian targeting"
	}
	iso, region, country := "586", "South Asia", "Pakistan"
	if p.cc == "AFG" {
		iso, region, country = "4", "Caucasus and Central Asia", "Afghanistan"
	}
	tags := "illustrative sample"
	if e.tags != "" {
		tags += "; " + e.tags
	}
	// Recorded a few days after the event, at a fixed pseudo-random hour.
	h := 0
	for _, c := range e.id {
		h = h*31 + int(c)
	}
	if h < 0 {
		h = -h
	}
	ts := e.sortDate.Unix() + int64(2+h%6)*86400 + int64(h%86400)
	note := "[Illustrative sample, not reporting] " + lead(e.sortDate, e.tp) + e.note
	return []string{
		e.id, e.date, strconv.Itoa(e.sortDate.Year()), strconv.Itoa(e.tp), k[0], k[1], k[2],
		e.a1, e.as1, i1, e.a2, e.as2, i2, interaction, civ, iso, region, country,
		p.admin1, p.admin2, p.admin3, p.name,
		strconv.FormatFloat(p.lat, 'f', -1, 64), strconv.FormatFloat(p.lon, 'f', -1, 64),
		strconv.Itoa(e.geo), "Frontier illustrative sample", e.scale, note,
		strconv.Itoa(e.fatal), tags, strconv.FormatInt(ts, 10),
	}
}

// report checks the dataset's promises and prints a summary.
func report(evs []ev) error {
	count := func(pred func(e *ev) bool) int {
		n := 0
		for i := range evs {
			if pred(&evs[i]) {
				n++
			}
		}
		return n
	}
	ids := map[string]bool{}
	actors := map[string]bool{}
	for i := range evs {
		e := &evs[i]
		if ids[e.id] {
			return fmt.Errorf("duplicate id %s", e.id)
		}
		ids[e.id] = true
		if e.date < "2025-01-01" || e.date > "2026-10-31" {
			return fmt.Errorf("%s: date %s out of range", e.id, e.date)
		}
		for _, a := range []string{e.a1, e.a2, e.as1, e.as2} {
			for _, s := range strings.Split(a, "; ") {
				if s != "" {
					actors[s] = true
				}
			}
		}
	}
	bajaur := count(func(e *ev) bool { return places[e.place].admin2 == "Bajaur" })
	torkham := count(func(e *ev) bool { return e.place == "torkham" })
	chaman := count(func(e *ev) bool { return e.place == "chaman" })
	strikes := count(func(e *ev) bool { return strings.Contains(e.tags, "cross-border strikes") && e.kind == "air" })
	switch {
	case len(evs) < 100 || len(evs) > 130:
		return fmt.Errorf("%d events, want 100..130", len(evs))
	case bajaur < 8 || torkham < 4 || chaman < 3:
		return fmt.Errorf("too few events: Bajaur %d, Torkham %d, Chaman %d", bajaur, torkham, chaman)
	case strikes != 7:
		return fmt.Errorf("%d cross-border camp strikes, want 7", strikes)
	case len(actors) < 12 || len(actors) > 20:
		return fmt.Errorf("%d distinct actors, want 12..20", len(actors))
	}
	byType, geo, tp := map[string]int{}, map[int]int{}, map[int]int{}
	for i := range evs {
		byType[kinds[evs[i].kind][1]]++
		geo[evs[i].geo]++
		tp[evs[i].tp]++
	}
	fmt.Printf("%d events, %d actors; Bajaur %d, Torkham %d, Chaman %d\nevent types %v\ngeo_precision %v, time_precision %v\n",
		len(evs), len(actors), bajaur, torkham, chaman, byType, geo, tp)
	return nil
}

// Source scales, and tags beyond "illustrative sample".
const (
	nat, sub, local, natIn, intl = "National", "Subnational", "Local partner-Other", "National-International", "International"

	wave, strikes, border, cpec, closure = "Bajaur wave", "cross-border strikes", "border clashes", "CPEC", "border crossing"
)

func e(date string, tp int, kind, a1, as1, a2, as2, place string, geo int, scale string, fatal int, tags, note string) ev {
	return ev{date: date, tp: tp, kind: kind, a1: a1, as1: as1, a2: a2, as2: as2, place: place,
		geo: geo, scale: scale, fatal: fatal, tags: tags, note: note}
}

// events is the invented timeline, January 2025 to October 2026.
func events() []ev {
	return []ev{
		// 2025: January - March.
		e("2025-01-04", 1, "ied", ttp, "", polPK, "", "bannu", 1, sub, 2, "", "TTP militants detonated a roadside IED against a police patrol near Bannu. 2 policemen were killed and 3 wounded."),
		e("2025-01-09", 1, "clash", milPK, "", hgb, "", "mirali", 1, nat, 5, "", "Pakistani security forces clashed with Hafiz Gul Bahadur Group militants during a search operation near Mir Ali, North Waziristan. 4 militants and 1 soldier were killed."),
		e("2025-01-13", 1, "peace", proPK, trade+"; "+labour, "", "", "chaman", 1, local, 0, closure, "traders and daily wage labourers continued a sit-in near the Chaman crossing against new passport and visa requirements for border passage. [size=no report]"),
		e("2025-01-18", 1, "attack", uagPK, "", civPK, "", "parachinar", 1, sub, 3, "", "unidentified gunmen opened fire on a passenger van near Parachinar, Kurram, killing 3 civilians."),
		e("2025-01-22", 1, "shell", milAF, "", milPK, "", "angooradda", 1, nat, 0, border, "Afghan Taliban forces fired mortar rounds at a Pakistani border post near Angoor Adda, South Waziristan, during a dispute over border fencing. No casualties were reported."),
		e("2025-01-27", 2, "arrest", polPK, "", iskp, "", "peshawar", 1, sub, 0, "", "the Counter Terrorism Department arrested 4 suspected ISKP members in raids in and around Peshawar."),
		e("2025-02-01", 1, "clash", bla, "", milPK, "", "kalat", 1, nat, 18, "", "BLA militants attacked a Frontier Corps post near Kalat, sparking hours of fighting. 18 people, including 12 soldiers, were reported killed."),
		e("2025-02-06", 1, "attack", ttp, "", civPK, "", "lakki", 1, sub, 1, "", "TTP militants shot dead a government school teacher in Lakki Marwat, accusing him of working with the security forces."),
		e("2025-02-11", 1, "ied", bla, "", milPK, "", "turbat", 1, sub, 3, "", "a roadside IED claimed by the BLA struck a Frontier Corps vehicle near Turbat, Kech, killing 3 personnel."),
		e("2025-02-16", 1, "peace", proPK, "", "", "", "khar", 1, local, 0, wave, "residents and tribal elders held a peace rally in Khar demanding an end to targeted killings in Bajaur. [size=several hundred]"),
		e("2025-02-21", 1, "air", milPK, "", ttp, "", "miranshah", 2, nat, 6, "", "Pakistani military helicopters struck suspected TTP hideouts in the hills near Miran Shah, North Waziristan. 6 militants were reported killed."),
		e("2025-02-25", 1, "other", govPK, "", "", "", "islamabad", 1, natIn, 0, "", "the Foreign Office in Islamabad said it had lodged a formal protest with Kabul over the use of Afghan soil by TTP militants."),
		e("2025-02-28", 1, "hq", milAF, "", "", "", "torkham", 1, nat, 0, closure, "Afghan Taliban forces began building a new border post close to the Torkham crossing, which Pakistan said violated existing arrangements."),
		e("2025-03-01", 1, "other", milPK, "", "", "", "torkham", 1, nat, 0, closure, "Pakistani authorities closed the Torkham crossing to cargo and pedestrians after Afghan forces refused to halt construction of the border post."),
		e("2025-03-04", 1, "clash", milPK, "", milAF, "", "torkham", 1, nat, 2, border+"; "+closure, "Pakistani and Afghan forces exchanged fire at Torkham for several hours. 1 Pakistani soldier and 1 Afghan border guard were killed."),
		e("2025-03-08", 1, "suicide", ttp, "", milPK, "", "bannu", 1, nat, 12, "", "a TTP suicide bomber rammed an explosives-laden vehicle into the boundary wall of the Bannu cantonment. 12 people, including 5 soldiers and the attacker, were killed."),
		e("2025-03-11", 1, "riot", rioPK, trade, "", "", "landikotal", 1, local, 0, closure, "stranded truckers and traders blocked the Torkham highway in Landi Kotal and pelted stones at vehicles, demanding the reopening of the crossing. [size=no report]"),
		e("2025-03-16", 1, "ied", iskp, "", civPK, "", "peshawar", 1, sub, 2, "", "an IED planted by ISKP exploded near a shrine on the outskirts of Peshawar, killing 2 civilians."),
		e("2025-03-21", 1, "agree", govPK, "", govAF, "", "torkham", 1, natIn, 0, closure, "a joint jirga of Pakistani and Afghan officials agreed to halt construction at the disputed post and reopen the Torkham crossing."),
		e("2025-03-23", 1, "other", milPK, "", "", "", "torkham", 1, nat, 0, closure, "the Torkham crossing reopened for cargo traffic after a three-week closure; pedestrian movement resumed two days later."),
		e("2025-03-29", 2, "clash", milPK, "", ttp, lei, "bara", 2, sub, 4, "", "Pakistani security forces clashed with TTP and Lashkar-e-Islam militants in the Tirah valley area of Bara tehsil, Khyber. 4 militants were killed."),
		// April - June.
		e("2025-04-04", 1, "abduct", ttp, "", civPK, labour, "tank", 1, sub, 0, "", "TTP militants abducted 5 construction workers from a road project site near Tank; they were released a week later."),
		e("2025-04-10", 1, "peace", proPK, "", "", "", "gwadar", 1, local, 0, cpec, "residents protested outside the Gwadar press club against water and power shortages and restrictions on fishing. [size=around 300]"),
		e("2025-04-15", 1, "ied", bla, "", milPK, "", "noshki", 1, sub, 4, "", "an IED planted by the BLA struck a military convoy on the Noshki highway, killing 4 soldiers."),
		e("2025-04-19", 1, "arrest", polPK, "", bla, "", "quetta", 1, sub, 0, "", "police and the Counter Terrorism Department arrested 3 suspected BLA facilitators in Quetta."),
		e("2025-04-24", 1, "clash", milPK, "", ttp, "", "wana", 1, nat, 7, "", "Pakistani security forces repulsed a TTP attack on a checkpost near Wana, South Waziristan. 5 militants and 2 soldiers were killed."),
		e("2025-04-30", 3, "other", ttp, "", "", "", "peshawar", 3, nat, 0, "", "TTP announced a spring offensive against security forces in Khyber Pakhtunkhwa in a statement circulated on social media."),
		e("2025-05-03", 1, "suicide", ttp, "", polPK, "", "dik", 1, sub, 6, "", "a suicide bomber attacked a police training centre in Dera Ismail Khan. 6 people, including 4 policemen, were killed."),
		e("2025-05-08", 1, "attack", lei, "", civPK, "", "bara", 1, sub, 1, "", "Lashkar-e-Islam militants shot dead a local transporter in Bara for refusing to pay extortion."),
		e("2025-05-13", 1, "shell", milPK, "", civAF, "", "dangam", 2, local, 0, border, "Pakistani forces fired artillery shells at villages in Dangam district, Kunar, wounding 2 civilians."),
		e("2025-05-20", 1, "ied", uagPK, "", polPK, "", "khar", 1, sub, 1, wave, "an IED planted by unidentified militants exploded near a police van in Khar, Bajaur, killing 1 policeman."),
		e("2025-05-27", 1, "other", govAF, "", "", "", "kabul", 1, natIn, 0, "", "a Taliban government spokesperson in Kabul rejected Pakistan's accusations of sheltering TTP militants and called for dialogue."),
		e("2025-06-01", 2, "clash", milPK, "", bla, "", "panjgur", 2, sub, 5, "", "Pakistani security forces clashed with BLA militants in the hills near Panjgur. 5 militants were killed."),
		e("2025-06-05", 1, "suicide", ttp, "", polPK, "", "khar", 1, nat, 7, wave, "a TTP suicide bomber blew himself up at the entrance of a police station in Khar, Bajaur. 7 people, including 5 policemen, were killed."),
		e("2025-06-12", 1, "clash", milPK, "", ttp, "", "mamund", 2, nat, 9, wave, "Pakistani security forces clashed with TTP militants in Mamund tehsil, Bajaur, after an attack on a checkpost. 9 people were killed."),
		e("2025-06-18", 1, "suicide", iskp, "", civPK, "", "nawagai", 1, nat, 14, wave, "an ISKP suicide bomber detonated explosives at a gathering of tribal elders in Nawagai, Bajaur, killing 14 civilians."),
		e("2025-06-24", 1, "ied", ttp, "", milPK, "", "pashat", 2, sub, 2, wave, "an IED planted by TTP struck a Frontier Corps patrol in Salarzai tehsil, Bajaur, killing 2 soldiers."),
		e("2025-06-29", 1, "peace", proPK, "", "", "", "khar", 1, local, 0, wave, "residents staged a sit-in on the main road in Khar demanding protection after a string of suicide bombings in Bajaur. [size=around 1000]"),
		// July - September.
		e("2025-07-04", 1, "suicide", ttp, "", milPK, "", "mamund", 2, nat, 11, wave, "a TTP suicide bomber attacked a military convoy in Mamund tehsil, Bajaur. 11 people, including 8 soldiers, were killed."),
		e("2025-07-06", 1, "other", milPK, "", "", "", "mamund", 2, nat, 0, wave, "authorities imposed a curfew in parts of Mamund tehsil, Bajaur, and announced a targeted operation against militants."),
		e("2025-07-12", 1, "attack", ttp, "", civPK, "", "khar", 1, sub, 2, wave, "TTP militants shot dead 2 members of a local peace committee in Khar, Bajaur."),
		e("2025-07-16", 1, "suicide", uagPK, "", polPK, "", "khar", 1, nat, 5, wave, "a suicide bomber attacked a police checkpoint on the outskirts of Khar, Bajaur, killing 4 policemen and a passer-by."),
		e("2025-07-30", 1, "suicide", iskp, "", civPK, "", "khar", 1, natIn, 23, wave, "an ISKP suicide bomber blew himself up in a crowded market in Khar, Bajaur. 23 civilians were killed and dozens wounded."),
		e("2025-08-03", 1, "interv", proPK, "", polPK, "", "khar", 1, local, 0, wave, "protesters marched on the district administration office in Khar over insecurity in Bajaur; police used tear gas to disperse them. [size=several hundred]"),
		e("2025-08-07", 1, "arrest", polPK, "", iskp, "", "khar", 1, sub, 0, wave, "the Counter Terrorism Department arrested 3 suspected ISKP facilitators linked to the Khar market bombing."),
		e("2025-08-11", 1, "clash", milPK, "", bla, "", "mastung", 1, nat, 6, "", "Pakistani security forces clashed with BLA militants who had blocked the highway near Mastung. 6 people were killed."),
		e("2025-08-15", 1, "suicide", ttp, "", milPK, "", "nawagai", 1, nat, 6, wave, "a TTP suicide bomber attacked a security forces camp in Nawagai, Bajaur. 6 soldiers were killed."),
		e("2025-08-21", 1, "attack", bla, "", civPK, "", "kalat", 1, sub, 7, "", "BLA militants stopped buses on the highway near Kalat and shot dead 7 passengers after checking their identity cards."),
		e("2025-08-26", 1, "peace", proPK, "", "", "", "quetta", 1, sub, 0, "", "relatives of missing persons held a protest outside the Quetta press club. [size=dozens]"),
		e("2025-09-02", 1, "ied", uagPK, "", civCN, "", "dasu", 1, natIn, 0, cpec, "an IED exploded near a vehicle carrying Chinese engineers to the Dasu hydropower project in Upper Kohistan. No one was hurt."),
		e("2025-09-09", 1, "suicide", uagPK, "", civCN, polPK, "besham", 1, intl, 3, cpec, "a suicide bomber rammed a car into a convoy carrying Chinese nationals near Besham, Shangla. 2 Chinese engineers and their Pakistani driver were killed."),
		e("2025-09-14", 1, "clash", bla, "", milPK, "", "gwadar", 1, natIn, 10, cpec, "BLA militants attacked the Gwadar Port Authority complex; 8 attackers and 2 soldiers were killed in the ensuing clash."),
		e("2025-09-20", 1, "suicide", ttp, "", polPK, "", "peshawar", 1, nat, 9, "", "a TTP suicide bomber attacked police lines in Peshawar, killing 9 policemen."),
		e("2025-09-27", 1, "shell", milAF, "", milPK, "", "parachinar", 2, nat, 2, border, "Afghan Taliban forces shelled Pakistani border posts in Kurram near Parachinar. 2 Pakistani soldiers were killed."),
		e("2025-09-30", 1, "ied", bla, "", polPK, "", "mastung", 1, sub, 4, "", "an IED planted by the BLA struck a police vehicle in Mastung, killing 4 policemen."),
		// October 2025: the cross-border strikes.
		e("2025-10-12", 1, "clash", ttp, "", milPK, "", "mirali", 1, nat, 13, "", "TTP militants ambushed a military convoy near Mir Ali, North Waziristan. 11 soldiers and 2 militants were killed."),
		e("2025-10-14", 1, "other", govPK, "", "", "", "islamabad", 1, natIn, 0, "", "the Pakistani government warned Kabul that it would act against TTP sanctuaries in Afghanistan if attacks continued."),
		e("2025-10-19", 1, "other", govAF, "", "", "", "kabul", 1, natIn, 0, "", "the Taliban government in Kabul said it would not allow its territory to be used against any country and warned Pakistan against unilateral action."),
		e("2025-10-24", 1, "air", milPK, "", ttp, civAF, "barmal", 2, intl, 18, strikes, "Pakistani aircraft carried out precision strikes on a TTP camp in Barmal district, Paktika, across from Angoor Adda. 18 people were killed; Afghan officials said civilians were among them."),
		e("2025-10-24", 1, "air", milPK, "", ttp, "", "urgun", 2, intl, 9, strikes, "Pakistani aircraft struck a TTP training camp near Urgun, Paktika. 9 militants were reported killed."),
		e("2025-10-24", 1, "air", milPK, "", hgb, "", "spera", 1, intl, 12, strikes, "Pakistani drones struck a Hafiz Gul Bahadur Group camp in Spera district, Khost. 12 militants were reported killed."),
		e("2025-10-24", 1, "air", milPK, "", ttp, "", "alisher", 2, intl, 7, strikes, "Pakistani aircraft struck a TTP compound near Ali Sher in Terezayi district, Khost, killing 7 militants."),
		e("2025-10-24", 1, "air", milPK, "", ttp, "", "dangam", 1, intl, 11, strikes, "Pakistani aircraft struck a TTP camp in Dangam district, Kunar. 11 militants were reported killed."),
		e("2025-10-24", 1, "air", milPK, "", ttp, "", "sarkani", 2, intl, 6, strikes, "Pakistani drones hit a TTP hideout in Sarkani district, Kunar, killing 6 militants."),
		e("2025-10-25", 1, "air", milPK, "", ttp, "", "basawul", 1, intl, 8, strikes, "Pakistani aircraft struck a TTP camp near Basawul in Mohmand Dara district, Nangarhar, the seventh camp hit in two days. 8 militants were reported killed."),
		e("2025-10-25", 1, "other", govPK, "", "", "", "islamabad", 1, natIn, 0, strikes, "the Pakistani military said its forces had struck seven militant camps in Paktika, Khost, Kunar and Nangarhar and would act again if attacks from Afghan soil continued."),
		e("2025-10-25", 1, "other", govAF, "", "", "", "kabul", 1, natIn, 0, strikes, "the Taliban government condemned the Pakistani strikes in Paktika, Khost, Kunar and Nangarhar as a violation of Afghan sovereignty and vowed a response."),
		e("2025-10-26", 1, "shell", milAF, "", milPK, "", "angooradda", 1, nat, 4, border+"; "+strikes, "Afghan Taliban forces fired mortars and rockets at Pakistani border posts near Angoor Adda. 4 Pakistani soldiers were killed."),
		e("2025-10-26", 1, "clash", milAF, "", milPK, "", "spinboldak", 1, intl, 6, border+"; "+strikes, "Afghan Taliban forces and Pakistani troops clashed along the border near Spin Boldak. 6 people were killed, according to Afghan officials."),
		e("2025-10-26", 1, "other", milPK, "", "", "", "torkham", 1, nat, 0, closure+"; "+strikes, "Pakistani authorities closed the Torkham crossing to all traffic following the border clashes."),
		e("2025-10-27", 1, "other", milPK, "", "", "", "chaman", 1, nat, 0, closure+"; "+strikes, "Pakistani authorities closed the Chaman crossing, leaving hundreds of trucks stranded on both sides."),
		e("2025-10-29", 1, "peace", proPK, trade, "", "", "chaman", 1, local, 0, closure, "traders and transporters protested the closure of the Chaman crossing, demanding that trade be kept out of the dispute. [size=around 500]"),
		e("2025-10-30", 1, "shell", milPK, "", civAF, "", "spinboldak", 2, intl, 3, border, "Pakistani forces fired shells at villages near Spin Boldak, Kandahar, killing 3 civilians, according to local Afghan officials."),
		// November - December.
		e("2025-11-03", 1, "agree", govPK, "", govAF, "", "islamabad", 1, intl, 0, border, "Pakistani and Afghan delegations agreed to a ceasefire along the border and a joint mechanism to address militant attacks."),
		e("2025-11-08", 1, "peace", proPK, trade+"; "+labour, "", "", "landikotal", 1, local, 0, closure, "traders and labourers rallied in Landi Kotal demanding the reopening of the Torkham crossing. [size=around 400]"),
		e("2025-11-12", 1, "transfer", milAF, "", milPK, "", "chaman", 1, nat, 0, closure, "Afghan forces handed back a disputed position near the Chaman crossing to Pakistani border forces under the ceasefire arrangement."),
		e("2025-11-15", 1, "other", milPK, "", "", "", "torkham", 1, nat, 0, closure, "the Torkham crossing reopened for cargo traffic after a nearly three-week closure."),
		e("2025-11-19", 1, "suicide", ttp, "", polPK, "", "tank", 1, sub, 5, "", "a suicide bomber struck a police checkpoint in Tank, killing 5 policemen."),
		e("2025-11-24", 1, "other", milPK, "", "", "", "chaman", 1, nat, 0, closure, "the Chaman crossing reopened for trade and pedestrians holding valid documents."),
		e("2025-11-28", 1, "ied", iskp, "", milAF, "", "jalalabad", 1, intl, 4, "", "an IED claimed by ISKP struck a Taliban security vehicle in Jalalabad, killing 4 Afghan Taliban fighters."),
		e("2025-12-04", 1, "clash", milPK, "", ttp, "", "lakki", 1, nat, 8, "", "Pakistani security forces clashed with TTP militants during an intelligence-based operation in Lakki Marwat. 8 militants were killed."),
		e("2025-12-11", 1, "arrest", milAF, "", iskp, "", "kabul", 1, intl, 0, "", "Afghan Taliban forces arrested several suspected ISKP members in raids in Kabul."),
		e("2025-12-17", 2, "abduct", bla, "", civPK, labour, "quetta", 3, sub, 0, "", "BLA militants abducted 4 labourers working on a road project in Balochistan; the exact location was not reported."),
		e("2025-12-23", 1, "peace", proPK, students+"; "+labour, "", "", "peshawar", 1, sub, 0, "", "students, labourers and political workers held a rally in Peshawar against military operations and displacement in the tribal districts. [size=no report]"),
		e("2025-12-29", 1, "attack", uagPK, "", civPK, "", "kohat", 1, sub, 2, "", "unidentified gunmen shot dead 2 men in Kohat in a suspected sectarian attack."),
		// 2026: January - April.
		e("2026-01-05", 1, "ied", ttp, "", polPK, "", "bannu", 1, sub, 3, "", "an IED planted by TTP exploded near a police van in Bannu, killing 3 policemen."),
		e("2026-01-12", 1, "suicide", ttp, "", milPK, "", "wana", 1, nat, 15, "", "a TTP suicide bomber attacked a military camp near Wana, South Waziristan. 15 people, including 11 soldiers, were killed."),
		e("2026-01-19", 3, "change", ttp, "", "", "", "peshawar", 3, nat, 0, "", "TTP announced a restructuring of its command in Khyber Pakhtunkhwa and new operational zones for its fighters."),
		e("2026-01-26", 1, "peace", proPK, "", "", "", "quetta", 1, sub, 0, "", "political activists protested in Quetta against enforced disappearances and internet suspensions in Balochistan. [size=around 200]"),
		e("2026-02-02", 1, "clash", bla, "", milPK, "", "panjgur", 1, nat, 12, "", "BLA militants attacked a security forces camp in Panjgur; 9 attackers and 3 soldiers were killed."),
		e("2026-02-09", 1, "ied", bla, "", milPK, "", "turbat", 1, sub, 2, cpec, "an IED planted by the BLA struck a vehicle escorting CPEC project staff near Turbat, killing 2 soldiers."),
		e("2026-02-14", 1, "suicide", bla, "", civCN, "", "karachi", 1, intl, 2, cpec, "a BLA suicide bomber targeted a vehicle carrying Chinese nationals in Karachi. 2 Chinese nationals were killed."),
		e("2026-02-20", 1, "other", govPK, "", "", "", "islamabad", 1, natIn, 0, cpec, "the Pakistani government announced additional security forces for CPEC projects after the attack on Chinese nationals in Karachi."),
		e("2026-02-26", 1, "clash", milAF, "", milPK, "", "parachinar", 2, nat, 3, border, "Pakistani and Afghan Taliban forces exchanged fire along the border in Kurram near Parachinar. 3 people were killed."),
		e("2026-03-04", 1, "air", milPK, "", ttp, "", "miranshah", 2, nat, 4, "", "a Pakistani drone strike hit a suspected TTP hideout near Miran Shah, North Waziristan, killing 4 militants."),
		e("2026-03-10", 2, "abduct", ttp, "", civPK, "", "peshawar", 3, sub, 0, "", "TTP militants abducted 2 government officials travelling in southern Khyber Pakhtunkhwa; the exact location was not reported."),
		e("2026-03-17", 1, "interv", proPK, "", polPK, "", "islamabad", 1, nat, 0, "", "supporters of an opposition party attempted to march on the parliament in Islamabad; police detained several and dispersed the rest. [size=thousands]"),
		e("2026-03-24", 1, "attack", iskp, "", civAF, "", "kabul", 1, intl, 6, "", "ISKP gunmen attacked worshippers at a mosque in Kabul, killing 6 civilians."),
		e("2026-04-03", 1, "ied", hgb, "", milPK, "", "mirali", 1, sub, 4, "", "an IED planted by Hafiz Gul Bahadur Group militants struck a military vehicle near Mir Ali, killing 4 soldiers."),
		e("2026-04-18", 1, "peace", proPK, "", "", "", "gwadar", 1, local, 0, cpec, "fishermen protested in Gwadar against trawling and security restrictions along the coast. [size=around 500]"),
		e("2026-04-25", 1, "clash", lei, "", ttp, "", "bara", 2, sub, 3, "", "Lashkar-e-Islam and TTP militants clashed over control of a smuggling route near Bara, Khyber. 3 militants were killed."),
		// May - August.
		e("2026-05-02", 1, "suicide", ttp, "", polPK, "", "lakki", 1, sub, 6, "", "a TTP suicide bomber attacked a police station in Lakki Marwat, killing 6 policemen."),
		e("2026-05-09", 1, "arrest", polPK, "", ttp, "", "khar", 1, sub, 0, wave, "the Counter Terrorism Department arrested a TTP commander suspected of organising the 2025 suicide bombings in Bajaur."),
		e("2026-05-16", 3, "change", govAF, "", "", "", "kabul", 1, intl, 0, border, "the Taliban government said it had relocated some Pakistani militants away from border areas under its commitments to Islamabad."),
		e("2026-05-23", 1, "ied", bla, "", milPK, "", "mach", 1, sub, 5, "", "an IED planted by the BLA struck a military vehicle near Mach, Kachhi, killing 5 soldiers."),
		e("2026-05-30", 1, "excess", proPK, trade, polPK, "", "chaman", 1, local, 2, closure, "police opened fire on traders protesting new border restrictions near the Chaman crossing. 2 protesters were killed. [size=several hundred]"),
		e("2026-06-13", 1, "air", milPK, "", ttp, "", "miranshah", 2, nat, 3, "", "Pakistani helicopters struck TTP positions in the mountains near Miran Shah, killing 3 militants."),
		e("2026-06-20", 1, "peace", proPK, "", "", "", "turbat", 1, sub, 0, "", "students and activists rallied in Turbat against enforced disappearances. [size=around 300]"),
		e("2026-07-04", 1, "attack", bla, "", civPK, "", "kalat", 1, nat, 7, "", "BLA militants shot dead 7 labourers from Punjab at a construction site near Kalat."),
		e("2026-07-11", 1, "shell", milPK, "", milAF, "", "asadabad", 2, intl, 0, border, "Pakistani forces shelled Afghan Taliban border positions in Kunar, near Asadabad. No casualties were reported."),
		e("2026-07-18", 1, "agree", govAF, "", govPK, "", "kabul", 1, intl, 0, closure, "Afghan and Pakistani officials agreed in Kabul to extend opening hours at Torkham and Chaman and to ease transit trade."),
		e("2026-07-25", 1, "suicide", iskp, "", civPK, "", "peshawar", 1, natIn, 19, "", "an ISKP suicide bomber attacked worshippers at a mosque in Peshawar, killing 19 civilians."),
		e("2026-08-01", 1, "clash", milPK, "", ttp, "", "wana", 1, nat, 6, "", "Pakistani security forces clashed with TTP militants near Wana, South Waziristan. 6 militants were killed."),
		e("2026-08-15", 2, "ied", ttp, "", polPK, "", "dik", 1, sub, 2, "", "an IED planted by TTP struck a police patrol in Dera Ismail Khan, killing 2 policemen."),
		e("2026-08-22", 1, "other", milPK, "", "", "", "torkham", 1, nat, 0, closure, "Pakistani authorities kept the Torkham crossing open around the clock for the first time as part of the trade arrangement."),
		e("2026-08-29", 1, "arrest", polPK, "", bla, "", "karachi", 1, sub, 0, cpec, "the Counter Terrorism Department arrested 2 suspected BLA members in Karachi in connection with the attack on Chinese nationals."),
		// September - October.
		e("2026-09-05", 1, "suicide", ttp, "", milPK, "", "bannu", 1, nat, 16, "", "a TTP suicide bomber attacked a military convoy on the Bannu-Miran Shah road, killing 16 soldiers."),
		e("2026-09-12", 1, "attack", uagPK, "", civPK, "", "mamund", 2, sub, 1, wave, "unidentified gunmen shot dead a tribal elder in Mamund tehsil, Bajaur."),
		e("2026-09-19", 1, "clash", milAF, "", milPK, "", "chaman", 1, nat, 2, border, "Afghan and Pakistani border forces exchanged fire near the Chaman crossing. 2 people were killed."),
		e("2026-09-26", 1, "peace", proPK, "", "", "", "khar", 1, local, 0, wave, "residents held a rally in Khar to mark the anniversary of the Bajaur bombings and demand compensation for victims. [size=around 500]"),
		e("2026-10-03", 1, "ied", bla, "", milPK, "", "gwadar", 1, sub, 2, cpec, "an IED planted by the BLA struck a security forces vehicle on the Gwadar coastal highway, killing 2 soldiers."),
		e("2026-10-17", 1, "clash", milPK, "", hgb, "", "mirali", 1, nat, 4, "", "Pakistani security forces clashed with Hafiz Gul Bahadur Group militants near Mir Ali, North Waziristan. 4 militants were killed."),
		e("2026-10-24", 1, "peace", proPK, "", "", "", "peshawar", 1, sub, 0, "", "traders protested in Peshawar against rising fuel and electricity prices. [size=around 200]"),
		e("2026-10-29", 1, "ied", ttp, "", polPK, "", "tank", 1, sub, 1, "", "an IED planted by TTP exploded near a police checkpoint in Tank, killing 1 policeman."),
	}
}
