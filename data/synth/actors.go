package synth

import (
	"math"
	"strconv"
	"strings"
)

// Country indexes.
const (
	pk uint8 = iota
	af
)

// ACLED "inter" codes in their ACLED order; interaction strings list the
// lower-ranked code first.
const (
	interNone uint8 = iota
	interState
	interRebel
	interPolitical
	interIdentity
	interRioters
	interProtesters
	interCivilians
	interExternal
)

var interNames = [...]string{
	"",
	"State forces",
	"Rebel group",
	"Political militia",
	"Identity militia",
	"Rioters",
	"Protesters",
	"Civilians",
	"External/Other forces",
}

// Eras: ACLED dates the names of a government's forces, and the Taliban
// turned from a rebel group into the Afghan state on 15 August 2021.
const (
	era0 = iota // before 18 Aug 2018
	era1        // 18 Aug 2018 .. 14 Aug 2021
	era2        // 15 Aug 2021 .. 10 Apr 2022
	era3        // from 11 Apr 2022
	numEras
)

// eraStarts holds the first day (days since 1970-01-01) of era1..era3.
var eraStarts = [...]int{17761, 18854, 19093}

// eraOf returns the era of a day number.
func eraOf(day int) int {
	e := era0
	for _, s := range eraStarts {
		if day >= s {
			e++
		}
	}
	return e
}

// actor is one synthetic actor with its name and inter code per era
// (all equal for most non-state actors).
type actor struct {
	name  [numEras]string
	short [numEras]string // prose form for notes
	inter [numEras]uint8
}

func plain(name string, inter uint8) actor {
	return actor{name: [numEras]string{name, name, name, name}, inter: [numEras]uint8{inter, inter, inter, inter}}
}

// statePK builds a Pakistani state actor: base + era + optional unit suffix.
func statePK(base, unit string, inter uint8) actor {
	a := plain("", inter)
	for i, era := range [...]string{" (2013-2018)", " (2018-2022)", " (2018-2022)", " (2022-)"} {
		a.name[i] = base + era + unit
	}
	return a
}

// stateAF builds an Afghan state actor (Islamic Republic, then Taliban).
func stateAF(base, unit string, inter uint8) actor {
	old, now := base+" (2014-2021)"+unit, base+" (2021-)"+unit
	a := plain("", inter)
	a.name = [numEras]string{old, old, now, now}
	return a
}

// pool is a list of actors drawn with a Zipf-like frequency (rank r has
// weight 1/(r+1)^1.25, precomputed as a cumulative table).
type pool struct {
	actors []actor
	cum    []float64
}

func newPool(actors []actor) *pool {
	p := &pool{actors: actors, cum: make([]float64, len(actors))}
	total := 0.0
	for i := range actors {
		total += zipfWeight(i)
		p.cum[i] = total
	}
	for i := range p.cum {
		p.cum[i] /= total
	}
	return p
}

func zipfWeight(rank int) float64 {
	return math.Pow(float64(rank+1), -1.25)
}

func (p *pool) draw(r *rng) *actor {
	u := r.float()
	lo, hi := 0, len(p.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if p.cum[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return &p.actors[lo]
}

var tribes = [...]string{
	"Mehsud", "Wazir", "Dawar", "Turi", "Bangash", "Afridi", "Shinwari", "Mohmand",
	"Orakzai", "Marwat", "Bhittani", "Mamund", "Salarzai", "Utmankhel", "Achakzai",
	"Noorzai", "Kakar", "Marri", "Bugti", "Mengal", "Zehri", "Rind", "Raisani",
	"Jamali", "Khattak", "Yusufzai", "Safi", "Zadran", "Mangal", "Jaji", "Tani",
	"Sabari", "Kharoti", "Suleimankhel", "Alizai", "Barakzai", "Popalzai", "Ishaqzai",
	"Khogyani", "Sherzad", "Masozai", "Zakhakhel", "Kukikhel", "Sepah", "Malikdinkhel",
}

// Pools per country: state, armed non-state, external forces.
var (
	statePool    [2]*pool
	strikePool   [2]*pool // state forces that carry out air strikes and shelling
	armedPool    [2]*pool
	externalPool [2]*pool
	govActor     [2]actor
	govForeign   [2]actor // the other country's government, as External/Other forces
	policeActor  [2]actor
	protesters   [2]actor
	rioters      [2]actor
	civilians    [2]actor
)

// Associated-actor pools (plain names).
var (
	protestAssoc = [2][]string{
		{"Traders (Pakistan)", "Labor Group (Pakistan)", "Students (Pakistan)", "Lawyers (Pakistan)",
			"PTI: Pakistan Tehreek-i-Insaf", "JUI-F: Jamiat Ulema-e-Islam (Fazl)", "PTM: Pashtun Tahafuz Movement",
			"BYC: Baloch Yakjehti Committee", "Health Workers (Pakistan)", "Teachers (Pakistan)",
			"Women (Pakistan)", "Journalists (Pakistan)", "JI: Jamaat-e-Islami", "PPP: Pakistan Peoples Party",
			"ANP: Awami National Party", "Farmers (Pakistan)", "Refugees/IDPs (Pakistan)"},
		{"Traders (Afghanistan)", "Women (Afghanistan)", "Students (Afghanistan)", "Refugees/IDPs (Afghanistan)",
			"Labor Group (Afghanistan)", "Farmers (Afghanistan)", "Teachers (Afghanistan)"},
	}
	victimAssoc = [2][]string{
		{"Women (Pakistan)", "Children (Pakistan)", "Labor Group (Pakistan)", "Health Workers (Pakistan)",
			"Teachers (Pakistan)", "Civilians (China)", "Journalists (Pakistan)", "Government of Pakistan (2022-)"},
		{"Women (Afghanistan)", "Children (Afghanistan)", "Hazara Ethnic Group (Afghanistan)",
			"Shia Muslim Group (Afghanistan)", "Aid Workers (Afghanistan)", "Sikh Religious Group (Afghanistan)"},
	}
)

func init() {
	// Pakistan.
	mil := "Military Forces of Pakistan"
	pol := "Police Forces of Pakistan"
	policeActor[pk] = statePK(pol, "", interState)
	govActor[pk] = statePK("Government of Pakistan", "", interState)
	statePool[pk] = newPool([]actor{
		statePK(mil, "", interState), policeActor[pk], statePK(pol, " Counter Terrorism Department", interState),
		statePK(mil, " Frontier Corps", interState), statePK(pol, " Levies", interState), statePK(mil, " Special Services Group", interState),
		statePK(pol, " Frontier Constabulary", interState), statePK(pol, " Elite Force", interState),
		statePK(pol, " Rangers", interState), statePK(mil, " Inter-Services Intelligence", interState), govActor[pk],
	})
	strikePool[pk] = newPool([]actor{
		statePK(mil, "", interState), statePK(mil, " Air Force", interState), statePK(mil, " Frontier Corps", interState),
	})
	pkArmed := []actor{
		plain("TTP: Tehrik-i-Taliban Pakistan", interRebel),
		plain("Unidentified Armed Group (Pakistan)", interPolitical),
		plain("BLA: Balochistan Liberation Army", interRebel),
		plain("ISKP: Islamic State Khorasan Province", interRebel),
		plain("Hafiz Gul Bahadur Group", interRebel),
		plain("BLF: Balochistan Liberation Front", interRebel),
		plain("Lashkar-e-Islam", interRebel),
		plain("Jamaat-ul-Ahrar", interRebel),
		plain("TJP: Tehreek-e-Jihad Pakistan", interRebel),
		plain("Lashkar-e-Jhangvi", interPolitical),
		plain("BRAS: Baloch Raaji Aajoi Sangar", interRebel),
		plain("BRA: Baloch Republican Army", interRebel),
		plain("UBA: United Baloch Army", interRebel),
		plain("Ittehad-ul-Mujahideen Pakistan", interRebel),
		plain("Unidentified Communal Militia (Pakistan)", interIdentity),
		plain("Peace Committee Militia (Pakistan)", interPolitical),
		plain("Sindhudesh Revolutionary Army", interRebel),
	}
	for _, t := range tribes {
		pkArmed = append(pkArmed, plain(t+" Clan Militia (Pakistan)", interIdentity))
	}
	for i := 1; i <= 60; i++ {
		pkArmed = append(pkArmed, plain("Militia (Clan "+strconv.Itoa(i)+")", interIdentity))
	}
	armedPool[pk] = newPool(pkArmed)
	externalPool[pk] = newPool([]actor{
		stateAF("Military Forces of Afghanistan", "", interExternal),
		stateAF("Police Forces of Afghanistan", " Border Police", interExternal),
		plain("Military Forces of Iran (1989-)", interExternal), plain("Military Forces of India (2014-)", interExternal),
	})
	protesters[pk] = plain("Protesters (Pakistan)", interProtesters)
	rioters[pk] = plain("Rioters (Pakistan)", interRioters)
	civilians[pk] = plain("Civilians (Pakistan)", interCivilians)

	// Afghanistan.
	policeActor[af] = stateAF("Police Forces of Afghanistan", "", interState)
	govActor[af] = stateAF("Government of Afghanistan", "", interState)
	statePool[af] = newPool([]actor{
		stateAF("Military Forces of Afghanistan", "", interState), policeActor[af],
		stateAF("Police Forces of Afghanistan", " Border Police", interState), govActor[af],
	})
	strikePool[af] = newPool([]actor{
		stateAF("Military Forces of Afghanistan", "", interState),
		stateAF("Military Forces of Afghanistan", " Air Force", interState),
	})
	taliban := plain("Taliban", interRebel)
	taliban.name[era2], taliban.name[era3] = "Military Forces of Afghanistan (2021-)", "Military Forces of Afghanistan (2021-)"
	taliban.inter[era2], taliban.inter[era3] = interState, interState
	afArmed := []actor{
		taliban,
		plain("ISKP: Islamic State Khorasan Province", interRebel),
		plain("Unidentified Armed Group (Afghanistan)", interPolitical),
		plain("NRF: National Resistance Front", interRebel),
		plain("TTP: Tehrik-i-Taliban Pakistan", interRebel),
		plain("AFF: Afghanistan Freedom Front", interRebel),
		plain("Hafiz Gul Bahadur Group", interRebel),
		plain("Unidentified Communal Militia (Afghanistan)", interIdentity),
		plain("Hizb-e Islami", interRebel),
		plain("Haqqani Network", interRebel),
		plain("AIM: Afghanistan Islamic Movement", interRebel),
		plain("Al Qaeda in the Indian Subcontinent", interRebel),
	}
	for _, t := range tribes {
		afArmed = append(afArmed, plain(t+" Tribal Militia (Afghanistan)", interIdentity))
	}
	for i := 61; i <= 120; i++ {
		afArmed = append(afArmed, plain("Militia (Clan "+strconv.Itoa(i)+")", interIdentity))
	}
	armedPool[af] = newPool(afArmed)
	us := plain("Military Forces of the United States (2017-2021)", interExternal)
	us.name[era2], us.name[era3] = "Military Forces of the United States (2021-2025)", "Military Forces of the United States (2021-2025)"
	externalPool[af] = newPool([]actor{
		statePK("Military Forces of Pakistan", "", interExternal),
		statePK("Military Forces of Pakistan", " Frontier Corps", interExternal),
		us,
		plain("Military Forces of Iran (1989-)", interExternal),
	})
	govForeign[pk], govForeign[af] = govActor[af], govActor[pk]
	for c := range govForeign {
		for e := range govForeign[c].inter {
			govForeign[c].inter[e] = interExternal
		}
	}
	protesters[af] = plain("Protesters (Afghanistan)", interProtesters)
	rioters[af] = plain("Rioters (Afghanistan)", interRioters)
	civilians[af] = plain("Civilians (Afghanistan)", interCivilians)

	for c := 0; c < 2; c++ {
		for _, p := range []*pool{statePool[c], strikePool[c], armedPool[c], externalPool[c]} {
			for i := range p.actors {
				p.actors[i].setShort()
			}
		}
		for _, a := range []*actor{&govActor[c], &govForeign[c], &policeActor[c], &protesters[c], &rioters[c], &civilians[c]} {
			a.setShort()
		}
	}
}

func (a *actor) setShort() {
	for e := range a.name {
		a.short[e] = shortName(a.name[e])
	}
}

// shortName turns an ACLED actor name into the prose used in notes.
func shortName(name string) string {
	if i := strings.Index(name, ") "); i >= 0 && strings.Contains(name, "Forces of") {
		return name[i+2:] + " personnel" // unit, e.g. "Frontier Corps personnel"
	}
	switch {
	case strings.HasPrefix(name, "Military Forces of Pakistan"):
		return "Pakistani security forces"
	case strings.HasPrefix(name, "Police Forces of Pakistan"):
		return "Pakistani police"
	case strings.HasPrefix(name, "Government of Pakistan"):
		return "the Pakistani government"
	case strings.HasPrefix(name, "Military Forces of Afghanistan (2014"):
		return "Afghan security forces"
	case strings.HasPrefix(name, "Police Forces of Afghanistan (2014"):
		return "Afghan police"
	case strings.HasPrefix(name, "Government of Afghanistan (2014"):
		return "the Afghan government"
	case strings.HasPrefix(name, "Military Forces of Afghanistan"):
		return "Afghan Taliban forces"
	case strings.HasPrefix(name, "Police Forces of Afghanistan"):
		return "Taliban police"
	case strings.HasPrefix(name, "Government of Afghanistan"):
		return "the Taliban government"
	case strings.HasPrefix(name, "Military Forces of the United States"):
		return "US forces"
	case strings.HasPrefix(name, "Military Forces of Iran"):
		return "Iranian border guards"
	case strings.HasPrefix(name, "Military Forces of India"):
		return "Indian forces"
	case strings.HasPrefix(name, "Unidentified Armed Group"):
		return "unidentified gunmen"
	case strings.HasPrefix(name, "Unidentified Communal Militia"):
		return "communal militiamen"
	case strings.HasPrefix(name, "Militia (Clan"):
		return "clan militiamen"
	case strings.HasPrefix(name, "Peace Committee"):
		return "peace committee members"
	case strings.HasPrefix(name, "Protesters"):
		return "protesters"
	case strings.HasPrefix(name, "Rioters"):
		return "rioters"
	case strings.HasPrefix(name, "Civilians"):
		return "civilians"
	case strings.HasSuffix(name, " Clan Militia (Pakistan)"):
		return strings.TrimSuffix(name, " Clan Militia (Pakistan)") + " clan militiamen"
	case strings.HasSuffix(name, " Tribal Militia (Afghanistan)"):
		return strings.TrimSuffix(name, " Tribal Militia (Afghanistan)") + " tribesmen"
	}
	if i := strings.Index(name, ": "); i > 0 {
		return name[:i] + " militants"
	}
	return name + " militants"
}
