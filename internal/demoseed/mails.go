// Package demoseed holds the sample enquiries of `affaldsbot demo`: mails
// written the way citizens of Copenhagen write to the waste-advice team, and
// calls as the contact centre transfers them.
package demoseed

// Mail is one sample citizen mail.
type Mail struct {
	FromName, FromAddr string
	Subject, Body      string
	Attachment         *File // nil: text only
}

// File is an attachment of a sample mail.
type File struct {
	Name, ContentType string
	Data              []byte
}

// Call is one sample transferred call.
type Call struct {
	CallID, CallerNumber, CallerName, Note, TransferredBy string
}

// Mails are the enquiries the demo starts with: sorting questions, a missed
// collection, bulky waste, a complaint, one in English and one with a photo.
func Mails() []Mail {
	return []Mail{
		{FromName: "Jens Hansen", FromAddr: "jens.hansen@example.dk", Subject: "Pizzabakker med fedt",
			Body: "Hej\n\nVi får tit pizza, og bakkerne er fedtede i bunden. Må de komme i papcontaineren i gården, eller skal de i restaffald?\n\nMvh Jens Hansen\nRantzausgade 12, 2200 København N"},
		{FromName: "Mette Kristensen", FromAddr: "mette.k@example.dk", Subject: "Manglende tømning af restaffald",
			Body: "Hej\n\nVores restaffaldscontainer skulle være tømt i tirsdags, men den står stadig fuld, og nu er der poser ved siden af. Hvornår kommer I?\n\nVenlig hilsen\nMette Kristensen\nJagtvej 88, 2200 København N"},
		{FromName: "Lars Nielsen", FromAddr: "lars.nielsen@example.com", Subject: "Gammel sofa og madras",
			Body: "Goddag\n\nJeg skal af med en sofa og en madras. Hvordan gør jeg det, nu hvor der ikke længere er storskrald? Skal det stilles et bestemt sted?\n\nMvh Lars"},
		{FromName: "Birgitte Holm", FromAddr: "birgitte.holm@example.dk", Subject: "Klage: tredje gang uden tømning",
			Body: "Til Affald og Genbrug\n\nDet er nu tredje gang på en måned, at vores madaffald ikke bliver tømt. Det lugter i hele gården, og der er kommet rotter. Jeg vil gerne klage og have at vide, hvad I gør for at det ikke sker igen.\n\nBirgitte Holm\nGriffenfeldsgade 5, 2200 København N"},
		{FromName: "Emily Clarke", FromAddr: "emily.clarke@example.com", Subject: "Where do batteries go?",
			Body: "Hello,\n\nI just moved to Østerbro and I'm not sure how to get rid of used batteries and an old phone charger. Can I put them in the bins in our courtyard?\n\nThanks,\nEmily"},
		{FromName: "Sofie Larsen", FromAddr: "sofie.larsen@example.dk", Subject: "Overfyldt container i gården",
			Body:       "Hej\n\nSe vedhæftede billede: plastcontaineren i vores gård er fyldt helt op, og låget kan ikke lukkes. Kan vi få den tømt oftere eller få en større?\n\nHilsen Sofie Larsen, Amagerbrogade 140",
			Attachment: &File{Name: "container.png", ContentType: "image/png", Data: samplePNG}},
		{FromName: "Peter Madsen", FromAddr: "peter.madsen@example.dk", Subject: "Maling og spraydåser",
			Body: "Hej\n\nJeg har ryddet kælderen og har halvtomme malerbøtter og nogle spraydåser. Hvor skal de hen? Vi bor i lejlighed og har ikke bil.\n\nMvh Peter"},
		{FromName: "Anne Sørensen", FromAddr: "formand@andelsforeningen-solgaarden.example.dk", Subject: "Flere beholdere til madaffald",
			Body: "Kære Affald og Genbrug\n\nSom formand for A/B Solgården vil jeg høre, hvordan vi bestiller to ekstra beholdere til madaffald. Vi er 48 lejligheder.\n\nMed venlig hilsen\nAnne Sørensen"},
		{FromName: "Mikkel Jensen", FromAddr: "mikkel.j@example.org", Subject: "Trailer på genbrugsstationen",
			Body: "Hej\n\nMå jeg køre på Vermlandsgade genbrugsstation med en lånt trailer fyldt med haveaffald og gamle fliser? Og er der en grænse for hvor meget?\n\nMikkel"},
		{FromName: "Café Kornet", FromAddr: "kontakt@cafekornet.example.dk", Subject: "Affaldsordning for vores café",
			Body: "Hej\n\nVi har en lille café i stueetagen og bruger i dag gårdens beholdere. Skal vi tilmelde os en erhvervsordning, og hvad koster det?\n\nVenlig hilsen\nCafé Kornet"},
	}
}

// Extras are further samples, delivered one at a time on demand.
func Extras() []Mail {
	return []Mail{
		{FromName: "Hanne Berg", FromAddr: "hanne.berg@example.dk", Subject: "Kaffekapsler",
			Body: "Hej, må kaffekapsler i aluminium komme i metal, hvis der stadig er kaffe i? Mvh Hanne"},
		{FromName: "Omar Hassan", FromAddr: "omar.hassan@example.dk", Subject: "Hullede sokker og gamle håndklæder",
			Body: "Hej\n\nHvor skal slidt tøj med huller hen? Det kan ikke bruges af genbrugsbutikken.\n\nOmar"},
		{FromName: "Katrine Vest", FromAddr: "katrine.vest@example.com", Subject: "Kattegrus",
			Body: "Må brugt kattegrus komme i madaffald? Det er jo lavet af træpiller. Hilsen Katrine"},
		{FromName: "Thomas Riis", FromAddr: "thomas.riis@example.dk", Subject: "Knust spejl",
			Body: "Hej, jeg har smadret et stort spejl. Må det i glascontaineren? Mvh Thomas"},
	}
}

// Calls are the transferred calls the demo starts with.
func Calls() []Call {
	return []Call{
		{CallID: "demo-call-1", CallerNumber: "+4512345678", CallerName: "Karen Møller",
			Note: "Spørger om storskrald i gården – hvornår hentes stort indbo?", TransferredBy: "Borgerservice"},
		{CallID: "demo-call-2", CallerNumber: "+4587654321", CallerName: "Ahmad Khan",
			Note: "Madaffald ikke tømt siden mandag, vil gerne ringes op", TransferredBy: "Borgerservice"},
	}
}

// samplePNG is a 1×1 green pixel.
var samplePNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
	0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf0, 0x59, 0x1f, 0x00,
	0x00, 0x02, 0x96, 0x01, 0x4c, 0xf9, 0xc8, 0x3a, 0x86, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
	0x44, 0xae, 0x42, 0x60, 0x82,
}
