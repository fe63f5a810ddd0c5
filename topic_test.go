package affaldsbot

import "testing"

func TestClassifyTopic(t *testing.T) {
	tests := []struct {
		subject, body string
		want          Topic
	}{
		// afhentning
		{"Skraldespanden er ikke tømt", "Vores restaffald står stadig ude.", TopicAfhentning},
		{"Glemt afhentning", "I har glemt os i denne uge på Amagerbrogade.", TopicAfhentning},
		{"Missed collection", "Our bins were not emptied on Tuesday.", TopicAfhentning},
		{"Spørgsmål", "Hvornår er der tømning af madaffald hos os? Skraldebilen kom ikke.", TopicAfhentning},
		// stort_indbo
		{"Storskrald", "Hvordan får jeg hentet en gammel sofa og en madras?", TopicStortIndbo},
		{"Afhentning af stort indbo", "Vi har en reol og et klædeskab.", TopicStortIndbo},
		{"Bulky waste", "Can you collect an old mattress and some furniture?", TopicStortIndbo},
		{"Indendørs træ", "Må indendørs træ stilles ved storskraldet?", TopicStortIndbo},
		// farligt_affald
		{"Maling", "Hvor afleverer jeg gamle malingrester og spraydåser?", TopicFarligtAffald},
		{"Batterier", "Kan brugte batterier lægges oven på spanden?", TopicFarligtAffald},
		{"Hazardous waste", "Where can I leave chemicals and old paint?", TopicFarligtAffald},
		{"Spørgsmål om rød boks", "Hvordan får jeg en ny miljøboks til farligt affald?", TopicFarligtAffald},
		// klage
		{"Klage over skraldemanden", "Skraldemanden var uhøflig og spanden er ikke tømt.", TopicKlage},
		{"Utilfreds", "Jeg er meget utilfreds med jeres service.", TopicKlage},
		{"Complaint", "I want to file a complaint about the collection.", TopicKlage},
		// erhverv
		{"Affald fra virksomhed", "Vi er en lille virksomhed med CVR 12345678.", TopicErhverv},
		{"Restaurant", "Hvordan skal vores restaurant sortere madaffald?", TopicErhverv},
		{"Business waste", "Our company needs a contract for waste collection.", TopicErhverv},
		// beholdere
		{"Ny beholder", "Kan vi få en større beholder til pap?", TopicBeholdere},
		{"Boligforening", "Vores andelsforening vil gerne have den nye ordning med flere spande.", TopicBeholdere},
		{"Broken bin", "The lid of our bin is broken, can we get a new one?", TopicBeholdere},
		// genbrugsstation
		{"Genbrugsstation", "Hvad er åbningstiden på genbrugsstationen i Sydhavn?", TopicGenbrugsstation},
		{"Recycling centre", "Can I bring a trailer to the recycling centre?", TopicGenbrugsstation},
		{"Genbrugspladsen", "Må jeg aflevere haveaffald på genbrugspladsen?", TopicGenbrugsstation},
		// sortering
		{"Hvor skal pizzabakker hen?", "Skal en fedtet pizzabakke sorteres som pap eller restaffald?", TopicSortering},
		{"Sortering af plast", "Er en mælkekarton plast eller pap?", TopicSortering},
		{"How do I sort", "Where does a glass jar with a metal lid go?", TopicSortering},
		// andet
		{"Tak", "Tusind tak for hjælpen!", TopicAndet},
		{"", "", TopicAndet},
		{"Question", "Who is the mayor of Copenhagen?", TopicAndet},
		// complaints decide wherever they are
		{"Klage", "Sofaen blev ikke hentet.", TopicKlage},
		{"Storskrald", "Jeg vil klage.", TopicKlage}, // a complaint in the body is still a complaint
		// whole-word and compound matching
		{"Cabinet", "A combined cabinet question.", TopicAndet},
		{"Papirspanden", "", TopicBeholdere},
		// a fraction named in a missed collection does not make it a sorting question
		{"Manglende tømning af restaffald", "Vores restaffald og madaffald er ikke blevet tømt.", TopicAfhentning},
		{"Plast", "Plastbeholderen blev sprunget over i dag.", TopicAfhentning},
		// a complaint about a missed collection is a complaint
		{"Igen ikke tømt", "Tredje gang vores affald ikke er tømt. Det er uacceptabelt.", TopicKlage},
		// a business asking how to sort is the business team's
		{"Sortering af plast", "Hvordan skal vores café sortere plast og pap?", TopicErhverv},
		// bulky waste put out for pickup, and taken to the recycling centre
		{"Sofa", "Hvornår kan jeg stille en gammel sofa ud til afhentning?", TopicStortIndbo},
		{"Genbrugsstation", "Kan jeg selv køre en sofa på genbrugsstationen med trailer?", TopicGenbrugsstation},
		// hazardous waste at the recycling centre is about the hazardous waste
		{"Maling", "Kan jeg aflevere malingrester på genbrugsstationen?", TopicFarligtAffald},
	}
	for _, tc := range tests {
		if got := ClassifyTopic(tc.subject, tc.body); got != tc.want {
			t.Errorf("ClassifyTopic(%q, %q) = %s, want %s", tc.subject, tc.body, got, tc.want)
		}
	}
}

func TestTopicRulesCoverEveryTopic(t *testing.T) {
	ruled := map[Topic]bool{}
	for _, r := range topicRules {
		if !r.topic.Valid() || r.weight <= 0 || len(r.keywords) == 0 {
			t.Errorf("rule for %q: unknown topic, no weight or no keywords", r.topic)
		}
		ruled[r.topic] = true
	}
	ranked := map[Topic]int{}
	for _, topic := range topicPrecedence {
		ranked[topic]++
	}
	for _, topic := range Topics {
		if !ruled[topic] || ranked[topic] != 1 {
			t.Errorf("topic %s: rule %v, listed %d times in topicPrecedence; want a rule and once", topic, ruled[topic], ranked[topic])
		}
	}
}
