from guidedflows.flow.urls import join_url, url_matcher


def test_paths_are_appended_to_the_base_path():
    assert join_url("http://host/shop", "/cards") == "http://host/shop/cards"
    assert join_url("http://host/shop/", "cards") == "http://host/shop/cards"
    assert join_url("http://host", "/") == "http://host/"
    assert join_url("http://host/shop", "https://other/x") == "https://other/x"


def test_url_matchers():
    assert url_matcher("http://host/shop", "/cards?x=1#a")("http://host/shop/cards?x=1#a")
    assert not url_matcher("http://host/shop", "/cards")("http://host/cards")
    assert url_matcher("http://host/shop", "#done")("http://host/shop/any#done")
    assert url_matcher("http://host", "http://host/a")("http://host/a")
    assert not url_matcher("http://host", "http://host/a")("http://host/a/")
