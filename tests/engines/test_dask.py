"""The Dask engine computes exactly what the pandas engine computes, seeker by seeker."""

import pandas as pd
import pytest

import netlytics
from netlytics.engines import dask as dask_engine
from netlytics.errors import InputError, ParameterError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cohort_parquet(tmp_path_factory):
    from benchmarks import datagen

    data = datagen.network_data(6_000, seekers=6, seed=3)
    path = tmp_path_factory.mktemp("dask") / "cohort.parquet"
    netlytics.to_parquet(data, path)
    return data, path


def test_global_as_of_is_the_latest_timestamp_of_the_whole_cohort(cohort_parquet):
    data, path = cohort_parquet
    assert dask_engine.global_as_of(path) == data.latest_timestamp()
    assert dask_engine.seekers_in(path) == data.seekers


@pytest.mark.parametrize("name", ["summary", "follow_up", "scorecard", "channel_mix"])
def test_dask_results_equal_pandas_results(cohort_parquet, name):
    data, path = cohort_parquet
    func = getattr(netlytics, name)
    expected = func(data)
    got = func(path, engine="dask", scheduler="synchronous")
    pd.testing.assert_frame_equal(got, expected)


def test_dask_engine_uses_a_local_cluster_by_default(cohort_parquet):
    data, path = cohort_parquet
    got = netlytics.channel_mix(path, engine="dask")
    pd.testing.assert_frame_equal(got, netlytics.channel_mix(data))


def test_dask_engine_rejects_loaded_data_and_unknown_engines(cohort_parquet):
    data, path = cohort_parquet
    with pytest.raises(ParameterError, match="to_parquet"):
        netlytics.summary(data, engine="dask")
    with pytest.raises(ParameterError, match="engine must be"):
        netlytics.summary(data, engine="spark")
    with pytest.raises(InputError, match="to_parquet"):
        netlytics.summary(path.parent, engine="dask")
