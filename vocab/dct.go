package vocab

// DCMI Metadata Terms (http://purl.org/dc/terms/).
var (
	// DCTTitle is a name given to the resource.
	DCTTitle = must(DCT + "title")
	// DCTIdentifier is an unambiguous reference to the resource within a given context.
	DCTIdentifier = must(DCT + "identifier")
	// DCTIsPartOf is a related resource in which the described resource is included.
	DCTIsPartOf = must(DCT + "isPartOf")
	// DCTHasPart is a related resource that is included in the described resource.
	DCTHasPart = must(DCT + "hasPart")
	// DCTReferences is a related resource that is referenced, cited, or otherwise pointed to.
	DCTReferences = must(DCT + "references")
	// DCTDate is a point or period of time associated with an event in the lifecycle of the resource.
	DCTDate = must(DCT + "date")
)
