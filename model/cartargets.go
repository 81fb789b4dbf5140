package model

// CARPage is the body of a CAR search answer: {totalCount, list}.
type CARPage[T any] struct {
	TotalCount int `json:"totalCount"`
	List       []T `json:"list"`
}

// CARPageRequest is the body of POST /sm/v1/assettags/search and of the
// script search: a QQL filter and a 0-based page.
type CARPageRequest struct {
	Filter     string `json:"filter"`
	PageSize   int    `json:"pageSize"`
	PageNumber int    `json:"pageNumber"`
}

// CARTag is one item of POST /sm/v1/assettags/search (§15.4): a tag on
// which CAR is enabled.
type CARTag struct {
	CustomerUUID    string `json:"customerUuid"`
	TagID           int64  `json:"tagId"`
	CustomerID      int64  `json:"customerId"`
	Name            string `json:"name"`
	TagUUID         string `json:"tagUuid"`
	ID              int64  `json:"id"`
	BackgroundColor string `json:"backgroundColor"`
}

// Ref is the schedule's assetTags entry for the tag. The documentation
// says a tag reference is "the tag's UUID plus its id" without saying
// which of the item's two ids; qsched sends tagId, the Asset Management
// tag id that host assets also list (U41).
func (t CARTag) Ref() Asset { return Asset{UUId: t.TagUUID, ID: IDOf(t.TagID)} }

// CARScript is one item of the script search (U36: POST
// /sm/v1/scripts/search is unconfirmed). qsched reads id, title and, when
// present, platform, type and parameter names; other fields are ignored.
type CARScript struct {
	ID       FlexID        `json:"id"`
	Title    string        `json:"title"`
	Platform string        `json:"platform,omitempty"`
	Type     string        `json:"scriptType,omitempty"`
	Params   []ScriptParam `json:"params,omitempty"`
}
