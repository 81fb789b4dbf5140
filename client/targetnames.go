package client

import (
	"context"

	"github.com/qsched/qsched/model"
)

// TargetNames names a schedule's targets for people: asset ids to host
// names (one `id IN` search of the agents) and tag ids to tag names (the
// CAR tag list matched on tagId, U41). Names it cannot find are left out;
// the first error is returned with what was found.
func (c *Client) TargetNames(ctx context.Context, sched model.ScriptSchedule) (hosts, tags map[int64]string, err error) {
	hosts, tags = map[int64]string{}, map[int64]string{}
	var ids []int64
	for _, a := range append(append([]model.Asset{}, sched.Assets...), sched.ExcludedAssets...) {
		if n, ok := a.ID.Int(); ok {
			ids = append(ids, n)
		}
	}
	if len(ids) > 0 {
		found, ferr := c.Assets.All(ctx, model.AssetQuery{IDs: ids})
		err = ferr
		for _, h := range found {
			name := h.Name
			if name == "" {
				name = h.DNSHostName
			}
			hosts[h.ID] = name
		}
	}
	if len(sched.AssetTags) > 0 {
		list, terr := c.Scripts.Tags(ctx, "")
		if err == nil {
			err = terr
		}
		for _, t := range list {
			tags[t.TagID] = t.Name
		}
	}
	return hosts, tags, err
}
