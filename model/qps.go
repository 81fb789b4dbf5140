package model

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// QPS response codes (§7.1). Any code other than SUCCESS is a failure (U11).
const (
	CodeSuccess               = "SUCCESS"
	CodeInvalidRequest        = "INVALID_REQUEST"
	CodeInvalidXML            = "INVALID_XML"
	CodeInvalidURL            = "INVALID_URL"
	CodeOperationNotSupported = "OPERATION_NOT_SUPPORTED"
	CodeOtherError            = "OTHER_ERROR"
)

// ServiceRequest is the QPS request envelope (§4.1).
type ServiceRequest struct {
	XMLName     xml.Name     `xml:"ServiceRequest"`
	Preferences *Preferences `xml:"preferences,omitempty"`
	Filters     *Filters     `xml:"filters,omitempty"`
	Data        *RequestData `xml:"data,omitempty"`
}

// Preferences page a search (§5).
type Preferences struct {
	StartFromOffset *int   `xml:"startFromOffset,omitempty"`
	StartFromID     *int64 `xml:"startFromId,omitempty"`
	LimitResults    *int   `xml:"limitResults,omitempty"`
	Verbose         *bool  `xml:"verbose,omitempty"`
}

// Filters are ANDed criteria.
type Filters struct {
	Criteria []Criterion `xml:"Criteria"`
}

// RequestData carries the object of a create or update.
type RequestData struct {
	WasScanSchedule *WasScanSchedule `xml:"WasScanSchedule"`
}

// ServiceResponse is the QPS response envelope (§4.2, §4.3).
type ServiceResponse struct {
	XMLName        xml.Name `xml:"ServiceResponse"`
	ResponseCode   string   `xml:"responseCode"`
	Count          *int     `xml:"count,omitempty"`
	CountUpper     *int     `xml:"COUNT,omitempty"` // U15: read both, emit count
	HasMoreRecords *bool    `xml:"hasMoreRecords,omitempty"`
	LastID         *int64   `xml:"lastId,omitempty"`
	Data           *struct {
		Schedules []WasScanSchedule `xml:"WasScanSchedule"`
	} `xml:"data,omitempty"`
	ErrorDetails *ErrorDetails `xml:"responseErrorDetails,omitempty"`
}

// ErrorDetails explain a failed request.
type ErrorDetails struct {
	ErrorMessage    string `xml:"errorMessage,omitempty"`
	ErrorResolution string `xml:"errorResolution,omitempty"`
}

// Schedules returns the objects in data.
func (r *ServiceResponse) Schedules() []WasScanSchedule {
	if r.Data == nil {
		return nil
	}
	return r.Data.Schedules
}

// CountValue returns count (or COUNT), or -1 when absent.
func (r *ServiceResponse) CountValue() int {
	switch {
	case r.Count != nil:
		return *r.Count
	case r.CountUpper != nil:
		return *r.CountUpper
	}
	return -1
}

// SetSchedules fills data.
func (r *ServiceResponse) SetSchedules(s []WasScanSchedule) {
	r.Data = &struct {
		Schedules []WasScanSchedule `xml:"WasScanSchedule"`
	}{s}
}

// NewSearchRequest builds a search (or count/bulk) request with filters
// and, when limit > 0, a limitResults preference.
func NewSearchRequest(criteria []Criterion, limit int) ServiceRequest {
	var r ServiceRequest
	if len(criteria) > 0 {
		r.Filters = &Filters{Criteria: criteria}
	}
	if limit > 0 {
		r.Preferences = &Preferences{LimitResults: &limit}
	}
	return r
}

// NewUpdateRequest wraps a partial schedule for update.
func NewUpdateRequest(s WasScanSchedule) ServiceRequest {
	return ServiceRequest{Data: &RequestData{WasScanSchedule: &s}}
}

// EncodeRequest writes the request as indented XML.
func EncodeRequest(r ServiceRequest) ([]byte, error) {
	b, err := xml.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// EncodeResponse writes a response with the XML declaration and the schema
// attributes the service sends.
func EncodeResponse(r ServiceResponse, base string) ([]byte, error) {
	type withSchema struct {
		XMLName xml.Name `xml:"ServiceResponse"`
		XSI     string   `xml:"xmlns:xsi,attr"`
		Loc     string   `xml:"xsi:noNamespaceSchemaLocation,attr"`
		ServiceResponse
	}
	w := withSchema{XSI: "http://www.w3.org/2001/XMLSchema-instance", Loc: base + "/qps/xsd/3.0/was/wasscanschedule.xsd", ServiceResponse: r}
	b, err := xml.MarshalIndent(w, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

// DecodeResponse parses a ServiceResponse: through the fast path
// (qpsfast.go) when it can, otherwise, with the same result, encoding/xml.
func DecodeResponse(b []byte) (ServiceResponse, error) {
	if r, ok := decodeResponseFast(b); ok {
		return r, nil
	}
	var r ServiceResponse
	if err := xml.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("not a QPS ServiceResponse: %w", err)
	}
	return r, nil
}

// DecodeRequest parses a ServiceRequest without schema checks; servers run
// CheckRequestXML first.
func DecodeRequest(b []byte) (ServiceRequest, error) {
	var r ServiceRequest
	if len(bytes.TrimSpace(b)) == 0 {
		return r, nil
	}
	err := xml.Unmarshal(b, &r)
	return r, err
}
