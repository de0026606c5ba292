"""Pushing a built release to the Hugging Face Hub as one commit, then tagging it ``v<version>``.

The first thing done is a request that changes nothing (creating the repository if it is missing
is idempotent), so an offline machine fails before anything is sent; the upload is a single
commit, so the Hub never holds half a release.
"""

from __future__ import annotations

from pathlib import Path

from claimkit.errors import HUB_PUSH_FAILED, HubError

__all__ = ["push_to_hub"]


def push_to_hub(folder: Path, repo_id: str, version: str, *, token: str | None = None, private: bool = False) -> str:
    """Upload ``folder`` to the dataset repository ``repo_id`` and tag it; returns the commit URL."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    step = "reach the Hub"
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        step = "upload the release"
        commit = api.upload_folder(
            folder_path=str(folder), repo_id=repo_id, repo_type="dataset", commit_message=f"claimkit release {version}"
        )
        step = "tag the release"
        api.create_tag(repo_id, tag=f"v{version}", repo_type="dataset", revision=commit.oid)
    except Exception as error:  # the client raises many types (offline mode, HTTP, transport)
        uploaded = step == "tag the release"
        raise HubError(
            HUB_PUSH_FAILED,
            f"could not {step} of {repo_id}: {type(error).__name__}: {str(error)[:300]}",
            hint=(
                "the files were uploaded in one commit; rerun to add the tag"
                if uploaded
                else "nothing was sent; check the network (HF_HUB_OFFLINE must be unset) and HF_TOKEN"
            ),
        ) from None
    return str(commit.commit_url)
