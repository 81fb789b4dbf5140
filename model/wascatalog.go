package model

import (
	"encoding/xml"
	"fmt"
)

// The objects a schedule refers to, as search/was/webapp and
// search/was/optionprofile list them: what a picker shows. Only the
// elements qsched uses are read.

// WASWebAppItem is a web application as search/was/webapp lists it.
type WASWebAppItem struct {
	ID   int64      `xml:"id"`
	Name Text       `xml:"name"`
	URL  Text       `xml:"url"`
	Tags *WASTagSet `xml:"tags"`
}

// WASOptionProfile is an option profile as search/was/optionprofile lists
// it.
type WASOptionProfile struct {
	ID        int64 `xml:"id"`
	Name      Text  `xml:"name"`
	IsDefault *bool `xml:"isDefault"`
}

// CatalogResponse is the ServiceResponse of a web app or option profile
// search: the envelope of §4.2 with those objects in data.
type CatalogResponse struct {
	XMLName        xml.Name `xml:"ServiceResponse"`
	ResponseCode   string   `xml:"responseCode"`
	Count          *int     `xml:"count,omitempty"`
	CountUpper     *int     `xml:"COUNT,omitempty"`
	HasMoreRecords *bool    `xml:"hasMoreRecords,omitempty"`
	LastID         *int64   `xml:"lastId,omitempty"`
	Data           *struct {
		WebApps  []WASWebAppItem    `xml:"WebApp"`
		Profiles []WASOptionProfile `xml:"OptionProfile"`
	} `xml:"data,omitempty"`
	ErrorDetails *ErrorDetails `xml:"responseErrorDetails,omitempty"`
}

// WebApps returns the web apps in data.
func (r *CatalogResponse) WebApps() []WASWebAppItem {
	if r.Data == nil {
		return nil
	}
	return r.Data.WebApps
}

// Profiles returns the option profiles in data.
func (r *CatalogResponse) Profiles() []WASOptionProfile {
	if r.Data == nil {
		return nil
	}
	return r.Data.Profiles
}

// DecodeCatalogResponse parses the XML answer of a catalog search.
func DecodeCatalogResponse(b []byte) (CatalogResponse, error) {
	var r CatalogResponse
	if err := xml.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("not a QPS ServiceResponse: %w", err)
	}
	return r, nil
}

// DecodeCatalogResponseJSON parses the JSON answer of a catalog search,
// read as the XML it stands for (as DecodeResponseJSON reads schedules).
func DecodeCatalogResponseJSON(b []byte) (CatalogResponse, error) {
	var r CatalogResponse
	toks, err := jsonAsXML(b, "ServiceResponse", false)
	if err == nil {
		err = xml.NewTokenDecoder(&tokenList{toks: toks}).Decode(&r)
	}
	if err != nil {
		return CatalogResponse{}, fmt.Errorf("not a QPS ServiceResponse: %w", err)
	}
	return r, nil
}
