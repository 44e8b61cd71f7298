"""The Dask engine computes exactly what the pandas engine computes, seeker by seeker."""

from pathlib import Path

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


SAMPLE_COHORT = Path(__file__).parents[2] / "data" / "sample" / "cohort"


@pytest.fixture(scope="module")
def sample_cohort(tmp_path_factory):
    """The fictional sample cohort (data/sample/cohort), loaded and written as Parquet."""
    data = netlytics.load_cohort(SAMPLE_COHORT)
    path = tmp_path_factory.mktemp("sample") / "cohort.parquet"
    netlytics.to_parquet(data, path)
    return data, path


@pytest.mark.parametrize("name", ["summary", "follow_up", "scorecard", "channel_mix"])
def test_dask_equals_pandas_on_the_sample_cohort(sample_cohort, name):
    # 12 clients: every seeker partition is computed on its own with the cohort-wide as_of,
    # and the concatenated result is the pandas result on the whole cohort, row for row
    data, path = sample_cohort
    assert len(data.seekers) == 12
    func = getattr(netlytics, name)
    expected = func(data)
    got = func(path, engine="dask", scheduler="synchronous")
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, expected)


def test_dask_channel_mix_passes_freq_and_as_of(sample_cohort):
    data, path = sample_cohort
    as_of = data.latest_timestamp() - pd.Timedelta(days=30)
    expected = netlytics.channel_mix(data, as_of=as_of, freq="MS")
    got = netlytics.channel_mix(path, as_of=as_of, freq="MS", engine="dask", scheduler="synchronous")
    pd.testing.assert_frame_equal(got, expected)
    assert got["period"].max() <= as_of
