package historygen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Questions makes the mails' texts varied: a share of them ask one of a few
// recurring questions, each in paraphrased variants, and the rest are
// one-off questions about many different things (noise). Without it (nil)
// the history keeps its six fixed texts. The texts come from a random
// stream of their own, so times, senders and replies are the same with and
// without it.
type Questions struct {
	// Planted is how many recurring questions are asked (at most
	// len(PlantedQuestions)).
	Planted int
	// Share is the share of mails that ask a planted question.
	Share float64
}

// Planted is one recurring question: its name and the paraphrased
// variants (subject, text) citizens ask it in.
type Planted struct {
	Name     string
	Variants [][2]string
}

// PlantedQuestions are the recurring questions a history can plant, each
// asked in different words.
var PlantedQuestions = []Planted{
	{"fedtede pizzabakker", [][2]string{
		{"Pizzabakker med fedt", "Må fedtede pizzabakker komme i papcontaineren?"},
		{"Pizzabakke", "Vi har en pizzabakke med fedtpletter. Skal den i pap eller restaffald?"},
		{"Fedt på pizzabakken", "Kan en pizzabakke med fedt sorteres som pap?"},
		{"Sortering af pizzabakker", "Hvor skal pizzabakker hen, når der er fedt i bunden?"},
		{"Pap med fedt", "Er fedtede pizzabakker okay i papcontaineren i gården?"},
		{"Spørgsmål om pizzabakker", "Min nabo siger, at pizzabakker med fedt ikke må komme i pap. Passer det?"},
	}},
	{"bestille storskrald til sofa", [][2]string{
		{"Afhentning af sofa", "Hvordan bestiller jeg afhentning af storskrald? Det er en gammel sofa."},
		{"Storskrald", "Skal jeg bestille storskrald, når jeg vil af med en sofa?"},
		{"Bestille storskrald", "Jeg skal af med en sofa. Hvordan bestiller jeg storskrald?"},
		{"Sofa til storskrald", "Kan I hente en sofa som storskrald, og hvordan bestiller man det?"},
		{"Gammel sofa", "Hvor bestiller jeg storskraldsafhentning af en sofa fra lejligheden?"},
		{"Afhentning af storskrald", "Vi har en sofa, der skal væk. Skal den bestilles som storskrald?"},
	}},
	{"batterier på låget", [][2]string{
		{"Batterier", "Må jeg lægge brugte batterier i en pose oven på låget af skraldespanden?"},
		{"Brugte batterier", "Hvor skal brugte batterier hen? Kan de stilles på låget af beholderen?"},
		{"Batterier på låget", "Henter skraldemanden batterier, hvis de ligger i en plastpose på låget?"},
		{"Aflevering af batterier", "Hvordan afleverer jeg batterier? Må de ligge på låget af restaffaldet?"},
		{"Spørgsmål om batterier", "Skal batterier i en klar pose på låget, eller skal de på genbrugsstationen?"},
		{"Batterier i posen", "Vi har samlet brugte batterier i en pose. Må den stå på låget af spanden?"},
	}},
	{"haveaffald om vinteren", [][2]string{
		{"Haveaffald", "Hvornår starter afhentningen af haveaffald igen efter vinteren?"},
		{"Afhentning af haveaffald", "Henter I haveaffald om vinteren, eller holder ordningen pause?"},
		{"Haveaffald vinter", "Er der afhentning af haveaffald i december og januar?"},
		{"Hvornår haveaffald", "Hvornår på året bliver haveaffaldet hentet? Der er ikke hentet siden november."},
		{"Haveaffaldsordningen", "Holder haveaffaldsordningen vinterpause, og hvornår starter afhentningen igen?"},
		{"Grene og blade", "Vi har grene og blade liggende. Hvornår henter I haveaffald igen efter vinterpausen?"},
	}},
	{"låg på syltetøjsglas", [][2]string{
		{"Glas med låg", "Skal låget af syltetøjsglas, før glasset kommer i glascontaineren?"},
		{"Syltetøjsglas", "Må syltetøjsglas komme i glascontaineren med låget på?"},
		{"Låg på glas", "Hvad gør jeg med låget fra syltetøjsglas, når glasset skal i glascontaineren?"},
		{"Glascontainer og låg", "Skal metallåget skrues af syltetøjsglasset før glascontaineren?"},
		{"Sortering af glas", "Er det i orden at smide syltetøjsglas med låg i glascontaineren?"},
		{"Låg", "Skal låg fra syltetøjsglas i metal, og glasset i glascontaineren?"},
	}},
	{"brugte bleer", [][2]string{
		{"Bleer", "Hvor skal brugte bleer sorteres? Madaffald eller restaffald?"},
		{"Brugte bleer", "Må brugte bleer komme i madaffaldet, eller skal de i restaffald?"},
		{"Sortering af bleer", "Vi har et lille barn. Hvor skal de brugte bleer sorteres?"},
		{"Bleer og madaffald", "Hører brugte bleer til i madaffaldet, fordi de er bionedbrydelige?"},
		{"Engangsbleer", "Skal brugte engangsbleer i restaffald eller i madaffald?"},
		{"Spørgsmål om bleer", "Hvor sorterer man brugte bleer? Vi er i tvivl om madaffald eller rest."},
	}},
	{"bløde plastposer og folie", [][2]string{
		{"Plastfolie", "Må bløde plastposer og folie komme i plastcontaineren?"},
		{"Bløde plastposer", "Kan bløde plastposer og plastfolie sorteres som plast?"},
		{"Folie og poser", "Hvor skal plastfolie og bløde plastposer hen? Plast eller rest?"},
		{"Sortering af plastfolie", "Er plastfolie og bløde plastposer okay i plastcontaineren i gården?"},
		{"Plastposer", "Må jeg putte bløde plastposer og folie fra emballage i plasten?"},
		{"Blød plast", "Skal blød plast som folie og plastposer i plastcontaineren eller restaffald?"},
	}},
	{"trailer på genbrugsstationen", [][2]string{
		{"Trailer", "Må jeg køre på genbrugsstationen med en trailer?"},
		{"Genbrugsstation med trailer", "Kan jeg aflevere affald på genbrugsstationen fra en trailer?"},
		{"Trailer på genbrugspladsen", "Er det tilladt at komme på genbrugsstationen med trailer bag bilen?"},
		{"Aflevering med trailer", "Vi har lejet en trailer. Må den med ind på genbrugsstationen?"},
		{"Spørgsmål om genbrugsstation", "Må man have trailer med på genbrugsstationen, eller kun bil?"},
		{"Genbrugsstationen", "Hvilke regler gælder for trailer på genbrugsstationen?"},
	}},
	{"ekstra beholder til restaffald", [][2]string{
		{"Ekstra beholder", "Hvordan bestiller vi en ekstra beholder til restaffald i ejendommen?"},
		{"Større beholder", "Vores beholder til restaffald er altid fyldt. Kan vi få en ekstra beholder?"},
		{"Beholder til restaffald", "Kan vi bestille en ekstra restaffaldsbeholder til gården?"},
		{"Ekstra restaffaldsbeholder", "Hvad koster en ekstra beholder til restaffald, og hvordan bestilles den?"},
		{"For lille beholder", "Restaffaldsbeholderen er for lille. Hvordan får vi en ekstra beholder?"},
		{"Bestilling af beholder", "Vi vil gerne have en ekstra beholder til restaffald i ejendommen. Hvordan?"},
	}},
	{"spraydåser", [][2]string{
		{"Spraydåser", "Må tomme spraydåser komme i metalcontaineren?"},
		{"Tomme spraydåser", "Er tomme spraydåser metal eller farligt affald?"},
		{"Sortering af spraydåser", "Hvor skal tomme spraydåser hen? Metal eller farligt affald?"},
		{"Spraydåse", "Kan en tom spraydåse med hårlak sorteres som metal?"},
		{"Spray", "Vi har tomme spraydåser. Skal de i metal eller i farligt affald?"},
		{"Spørgsmål om spraydåser", "Hører tomme spraydåser til i metalcontaineren eller farligt affald?"},
	}},
	{"ledninger og opladere", [][2]string{
		{"Ledninger", "Hvor skal gamle ledninger og opladere afleveres?"},
		{"Opladere", "Må gamle opladere og ledninger komme i restaffald?"},
		{"Gamle ledninger", "Vi har en kasse med gamle ledninger og opladere. Hvor skal de hen?"},
		{"Elektronik", "Er ledninger og opladere småt elektronik, og hvor afleveres det?"},
		{"Sortering af ledninger", "Hvordan sorterer jeg gamle ledninger og mobilopladere?"},
		{"Opladere og kabler", "Kan opladere og ledninger lægges i en pose på låget som småt elektronik?"},
	}},
	{"tømning af madaffald", [][2]string{
		{"Madaffald ikke tømt", "Madaffaldsbeholderen blev ikke tømt i denne uge. Hvornår kommer I?"},
		{"Manglende tømning af madaffald", "Vores madaffald er ikke blevet tømt. Kan I komme forbi?"},
		{"Madaffaldsbeholder", "Beholderen til madaffald blev sprunget over ved tømningen. Hvad gør vi?"},
		{"Tømning", "Hvorfor blev madaffaldet ikke tømt på vores vej i går?"},
		{"Madaffald", "Madaffaldet står stadig ikke tømt, og det lugter. Hvornår bliver det tømt?"},
		{"Glemt tømning", "I har glemt at tømme madaffaldsbeholderen. Kan den blive tømt i dag?"},
	}},
}

// question is one generated text and the planted question it asks (0:
// none, k: PlantedQuestions[k-1]).
type question struct {
	subject, body string
	core          string // the body without greeting, context and signature
	planted       int
}

// questioner draws the texts from a stream of its own.
type questioner struct {
	q     Questions
	rng   *rand.Rand
	order []int // the things of one-off questions, in the order drawn
	drawn int
}

func newQuestioner(q *Questions, seed uint64) *questioner {
	if q == nil {
		return nil
	}
	c := *q
	c.Planted = min(c.Planted, len(PlantedQuestions))
	return &questioner{q: c, rng: rand.New(rand.NewPCG(seed, 7919))}
}

func (g *questioner) next() question {
	var q question
	if g.q.Planted > 0 && g.rng.Float64() < g.q.Share {
		k := g.rng.IntN(g.q.Planted)
		v := PlantedQuestions[k].Variants[g.rng.IntN(len(PlantedQuestions[k].Variants))]
		q = question{subject: v[0], body: v[1], planted: k + 1}
	} else {
		q = g.noise()
	}
	q.core = q.body
	q.body = g.dress(q.body)
	return q
}

// decoyShare is the share of one-off questions that also name a thing a
// planted question names, asked differently: they must not be taken for
// it.
const decoyShare = 0.15

// decoys are things the planted questions name, one word each.
var decoys = []string{"en pizzabakke", "en sofa", "et batteri", "haveaffald", "et syltetøjsglas", "bleer",
	"plastfolie", "en trailer", "en beholder", "en spraydåse", "en oplader", "madaffald", "storskrald", "en plastpose"}

// noise is a one-off question: an item, what is asked about it, and where.
func (g *questioner) noise() question {
	item := g.noiseItem()
	if g.rng.Float64() < decoyShare {
		item += " og " + decoys[g.rng.IntN(len(decoys))]
	}
	frame := noiseFrames[g.rng.IntN(len(noiseFrames))]
	where := noisePlaces[g.rng.IntN(len(noisePlaces))]
	body := strings.ToUpper(frame[:1]) + frame[1:]
	body = strings.Replace(body, "%s", item, 1) + " " + where
	return question{subject: strings.ToUpper(item[:1]) + item[1:], body: body}
}

// dress adds a greeting, now and then a sentence of context, and a
// signature.
func (g *questioner) dress(body string) string {
	var b strings.Builder
	b.WriteString(greetings[g.rng.IntN(len(greetings))] + "\n\n")
	if g.rng.IntN(3) == 0 {
		b.WriteString(contexts[g.rng.IntN(len(contexts))] + " ")
	}
	b.WriteString(body)
	fmt.Fprintf(&b, "\n\n%s\n%s", signOffs[g.rng.IntN(len(signOffs))], firstNames[g.rng.IntN(len(firstNames))])
	return b.String()
}

var greetings = []string{"Hej", "Hej med jer", "Kære affaldsrådgivning", "Goddag", "Hej der"}

var signOffs = []string{"Med venlig hilsen", "Venlig hilsen", "Mvh", "Hilsen", "Tak på forhånd"}

var firstNames = []string{"Mette", "Lars", "Anne", "Jens", "Sofie", "Peter", "Ida", "Mads", "Louise", "Ahmad",
	"Karen", "Søren", "Emma", "Niels", "Fatima", "Henrik", "Camilla", "Ole", "Maria", "Rasmus"}

var contexts = []string{
	"Vi bor i en lejlighed på Østerbro.", "Jeg har ledt på hjemmesiden uden at finde svar.",
	"Vi er lige flyttet til kommunen.", "Jeg bor i et rækkehus i Valby.", "Vores boligforening er i tvivl.",
	"Jeg har spurgt naboerne, men ingen ved det.", "Det er første gang, jeg skriver til jer.",
	"Vi er en familie på fem.", "Jeg bor alene i en toværelses.", "Vi har netop ryddet op i kælderen.",
}

var noiseFrames = []string{
	"hvor skal jeg af med %s?", "må %s komme i restaffaldet?", "hvordan sorterer jeg %s?",
	"kan %s genbruges?", "er %s farligt affald?", "skal %s på genbrugsstationen?",
	"hvad gør jeg med %s, der er gået i stykker?", "kan I hente %s?", "hvilken container passer til %s?",
	"må %s afleveres i genbrugshjørnet?", "hvad hører %s til?", "jeg har %s, som skal smides ud.",
}

var noisePlaces = []string{
	"Det står i opgangen.", "Det ligger i kælderrummet.", "Det er fra en oprydning på loftet.",
	"Det står ude i gården.", "Det er fra køkkenet.", "Det er fra badeværelset.", "Det er fra en flytning.",
	"Det har stået i skuret længe.", "Det er fra vores kolonihave.", "Det er fra et dødsbo.",
	"Det er fra barnets værelse.", "Det står på altanen.", "", "", "",
}

// noisePrefixes and noiseHeads make the one-off questions' things: Danish
// writes a compound as one word, so each prefix and head give a word of
// its own ("køkken" + "lampe": "køkkenlampe"), and drawn without
// repetition no two one-off questions share their thing until all of them
// are used.
var noisePrefixes = strings.Fields(`køkken have bade kontor børne cykel bil hunde katte sommer vinter jule påske
	fødselsdags camping strand fiske golf tennis fodbold ski båd sy male tømrer murer el vand gas olie træ metal
	sten jern kobber messing sølv guld porcelæn keramik bambus kork uld silke bomulds hør voks sæbe te kaffe vin
	øl mælke brød kage frugt grønsags krydderi salat suppe sovs smør ost æble pære blomme kirsebær jordbær
	hindbær rose tulipan lilje palme kaktus bregne mos bark rod frø løg kartoffel gulerods agurke tomat
	lakrids chokolade slik is sne regn sol måne stjerne sky vind storm torden lyn skov mark eng hede klit
	fjord bæk sø hav ø bjerg dal hule grotte slot kirke skole hospital fabrik værksted lager butik kiosk café`)

var noiseHeads = strings.Fields(`lampe stol kasse spand kurv skab hylde kande krukke taske pude tæppe måtte
	spejl ur vifte pumpe slange stige skammel bord kommode seng ramme rulle net bur trug tønde kop skål fad gryde
	pande kniv saks hammer tang sav lup kikkert kamera højttaler tastatur skærm kalender plakat figur dukke bamse
	puslespil spil bold ketsjer kølle stang krog snor reb kæde hængelås nøgle dørmåtte dørskilt postkasse
	termometer barometer vægt målebånd lineal passer blyant kuglepen tusch viskelæder hæfter mappe æske dåse
	bøtte skuffe vogn kærre slæde ske gaffel øse piskeris sigte tragt rivejern kagerulle form rist ovn komfur
	grill bålfad fakkel lanterne lygte kandelaber lysestage vase skjold hjelm maske kappe hat kasket handske
	vante sok støvle sandal`)

// noiseItem is the next thing of a one-off question.
func (g *questioner) noiseItem() string {
	if g.drawn == len(g.order) {
		g.order, g.drawn = g.rng.Perm(len(noisePrefixes)*len(noiseHeads)), 0
	}
	k := g.order[g.drawn]
	g.drawn++
	return "en " + noisePrefixes[k/len(noiseHeads)] + noiseHeads[k%len(noiseHeads)]
}
